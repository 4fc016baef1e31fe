import type { Problem } from './graph';

/** The graph's enums and codes in the words of the plan (技能四川公共品牌建设方案). */
export const TIER: Record<string, string> = { MAIN: '主基地', AUXILIARY: '辅基地' };
export const ROSTER_STATUS: Record<string, string> = { ACTIVE: '在册', SUSPENDED: '暂停', REVOKED: '撤销', EXITED: '退出' };
export const RESULT: Record<string, string> = { EXCELLENT: '优秀', PASS: '合格', FAIL: '不合格' };
export const HONOUR_KIND: Record<string, string> = {
  HIGH_SKILL_TRAINING_BASE: '高技能人才培训基地',
  COMPETITION_TRAINING_BASE: '竞赛集训基地',
  MASTER_STUDIO: '技能大师工作室',
};
export const HONOUR_LEVEL: Record<string, string> = { NATIONAL: '国家级', PROVINCIAL: '省级' };
export const CREDIT_EVENT: Record<string, string> = {
  VIOLATION: '违规',
  DISHONESTY: '失信',
  REMEDIATION: '信用修复',
  COMMENDATION: '表彰',
};
export const FLAG: Record<string, string> = { FAILED_ASSESSMENT: '最新评估不合格', DISHONEST: '失信' };
export const APPLICATION_KIND: Record<string, string> = { BASE: '基地', INSTITUTION: '运营机构' };
export const APPLICATION_STATUS: Record<string, string> = {
  SUBMITTED: '已提交',
  PRELIMINARY_REVIEW: '初审中',
  SELECTED: '已入选',
  REJECTED: '未入选',
};
export const PROGRAM_STATUS: Record<string, string> = { PLANNED: '计划', ONGOING: '进行中', COMPLETED: '已结业', CANCELLED: '已取消' };
export const ROLE: Record<string, string> = {
  PUBLIC: '公众',
  PROVINCIAL_ADMIN: '省项目办',
  CITY_ADMIN: '市州管理员',
  BASE_OPERATOR: '基地运营主体',
  ASSESSOR: '评估机构',
  PARTNER: '合作机构',
};
/** the subgraphs, as a user knows them */
export const SERVICE: Record<string, string> = {
  brands: '品牌与标准',
  bases: '基地与机构',
  training: '培训与竞赛',
  evaluation: '评估与信用',
};

/** Why a figure is not shown, in a sentence: never a zero in its place. */
export function describe(problem: Problem): string {
  switch (problem.code) {
    case 'SUBGRAPH_UNAVAILABLE':
      return `${SERVICE[problem.service ?? ''] ?? problem.service ?? '部分'}服务暂不可用，此项暂无法显示`;
    case 'UNAUTHENTICATED':
      return '登录后可见（未登录，或令牌未被接受）';
    case 'FORBIDDEN':
      return problem.reason === 'OUTSIDE_JURISDICTION' ? '超出本账号的管辖范围' : '当前角色无权查看此项';
    case 'PERSISTED_QUERY_NOT_FOUND':
    case 'PERSISTED_QUERY_NOT_IN_LIST':
      return '看板与服务器版本不一致，请刷新页面';
    case 'OPERATION_LIMIT_EXCEEDED':
      return '查询超出服务器的限制';
    default:
      return `出错了：${problem.message}（${problem.code}）`;
  }
}

export const count = (n: number) => n.toLocaleString('zh-CN');
export const percent = (ratio: number | null | undefined) => (ratio == null ? '—' : `${(ratio * 100).toFixed(1)}%`);
export const score = (n: number | null | undefined) => (n == null ? '—' : n.toFixed(1));
