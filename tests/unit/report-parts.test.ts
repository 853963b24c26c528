// The report's pure parts: its URLs, its language, its sums by theme, its charts (Vega, no browser).
import { describe, expect, it, vi } from 'vitest';
import { themeGaps } from '../../src/report/content.ts';
import { barChart } from '../../src/report/charts.ts';
import { langOf, messages } from '../../src/report/i18n.ts';
import { parseReportPath, reportPath } from '../../src/report/http.ts';
import type { CompetencyGapRecord } from '../../src/synergy/gaps.ts';

describe('report URLs', () => {
  it('read a territory, the whole network, a format and a table', () => {
    expect(parseReportPath('/report/department:80')).toEqual({ within: 'department:80', format: 'html' });
    expect(parseReportPath('/report/department%3A80.pdf')).toEqual({ within: 'department:80', format: 'pdf' });
    expect(parseReportPath('/report/region:32.xlsx')).toEqual({ within: 'region:32', format: 'xlsx' });
    expect(parseReportPath('/report/network')).toEqual({ within: null, format: 'html' });
    expect(parseReportPath('/report')).toEqual({ within: null, format: 'html' });
    expect(parseReportPath('/report/epci:248000747/gaps.csv')).toEqual({ within: 'epci:248000747', format: { csv: 'gaps' } });
    expect(parseReportPath('/reports/x')).toBeUndefined();
    expect(parseReportPath('/graphql')).toBeUndefined();
    expect(reportPath('department:2A')).toBe('/report/department:2A');
    expect(reportPath(null)).toBe('/report/network');
  });

  it('speak French unless English is asked for', () => {
    expect(langOf(null)).toBe('FR');
    expect(langOf('en')).toBe('EN');
    expect(langOf('de')).toBe('FR');
    expect(messages('FR').share(0.5)).toMatch(/^50\s%$/);
    expect(messages('FR').oneIn(0.05)).toBe('1 sur 20');
    expect(messages('EN').oneIn(0.5)).toBe('1 in 2');
    expect(messages('FR').count(1, 'acteur', 'acteurs')).toBe('1 acteur');
    expect(messages('FR').count(2, 'acteur', 'acteurs')).toBe('2 acteurs');
  });
});

describe('themes', () => {
  it('sum their competencies, in the framework order', () => {
    const gap = (id: string, theme: string, demand: number, supply: number): CompetencyGapRecord => ({
      competency: { id, labels: ['Competency'], properties: { theme } },
      demand, supply, gap: demand / (1 + supply), companyCount: 1, responses: 2,
      teachers: [], teachersWithinReach: [], exposedCompanies: [],
    });
    const themes = themeGaps([gap('a', 'international', 1.5, 0), gap('b', 'innovation', 1, 1), gap('c', 'international', 0.5, 0.5)]);
    expect(themes.map((t) => t.theme)).toEqual(['innovation', 'international']);
    expect(themes[1]).toEqual({ theme: 'international', demand: 2, supply: 0.5, companyCount: 2, responses: 4, competencyCount: 2 });
  });
});

describe('charts', () => {
  it('are SVG drawn by Vega, with the values as labels', async () => {
    const svg = await barChart([{ label: 'PME-PMI', value: 40 }, { label: 'clusters', value: 3 }], { x: 'Acteurs', integer: true });
    expect(svg).toMatch(/^<svg[^>]+class="marks"/);
    expect(svg).toContain('PME-PMI');
    expect(svg).toContain('>40<');
  });

  it('keep the order given and print no warning (a bench run printed one per chart)', async () => {
    const warn = vi.spyOn(console, 'warn');
    const error = vi.spyOn(console, 'error');
    const log = vi.spyOn(console, 'log');
    try {
      const svg = await barChart([{ label: 'bb', value: 2 }, { label: 'aa', value: 5 }, { label: 'cc', value: 1 }], { x: 'Acteurs', integer: true });
      const labels = [...svg.matchAll(/>(aa|bb|cc)</g)].map((m) => m[1]);
      expect(labels).toEqual(['bb', 'aa', 'cc']);
      expect([...warn.mock.calls, ...error.mock.calls, ...log.mock.calls]).toEqual([]);
    } finally {
      warn.mockRestore();
      error.mockRestore();
      log.mockRestore();
    }
  });
});
