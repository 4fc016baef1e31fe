// AntV's china-geojson: the 21 市州 of 四川 (MIT); each feature's id is the first four digits of its GB/T 2260 code
import geoJson from 'china-geojson/src/geojson/si_chuan_geo.json';

const features = (geoJson as { features: { id: string; properties: { name: string } }[] }).features;

/** The map of 四川 for ECharts, and each 市州's name on it by city code. */
export const SICHUAN = {
  mapName: 'sichuan',
  geoJson: geoJson as unknown as Parameters<typeof import('echarts/core').registerMap>[1],
  nameOnMap: new Map(features.map((f) => [`${f.id}00`, f.properties.name])),
};
