import '@fontsource/noto-sans-sc/400.css';
import './style.css';
import { createRoot } from 'react-dom/client';
import { App } from './views/App';

createRoot(document.getElementById('dashboard')!).render(<App />);
