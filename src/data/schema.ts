/**
 * The data format of a comparative-analysis brief, as one zod schema.
 *
 * Every object is strict: an unknown key is an error, so a typo never vanishes silently.
 * Table cells are a tagged union written with one distinguishing key (`percent:`, `range:`,
 * `duration:`, `count:`, `text:`, `missing:`), so a placeholder such as "-" or "Varies" can
 * never be coerced into a number. The TypeScript types below come from the schema (`z.infer`).
 *
 * Prose fields are Markdown with inline citations written `[@reference-id]`.
 */
import { z } from 'zod';

const identifier = z
  .string()
  .regex(/^[a-z0-9][a-z0-9-]*$/, 'use lower-case letters, digits and hyphens, e.g. "cortes-2012"');

/** Markdown prose; may contain `[@id]` citations. */
const prose = z.string().min(1, 'write some text or remove the key');

const citations = z
  .array(identifier)
  .min(1)
  .optional()
  .describe('ids of the references that support this value');

/** A decimal written as a number (19, 35.2) or as a string that keeps trailing zeros ("35.0"). */
const decimal = z.union([
  z.number().nonnegative().finite(),
  z.string().regex(/^\d+(\.\d+)?$/, 'write a plain decimal such as "35.0"'),
]);

const endpoint = z
  .string()
  .min(1)
  .max(12)
  .describe('short endpoint label such as ORR, CR, CRp, PFS; shown as a prefix ("CR: 24%")');

const cellExtras = {
  cite: citations,
  endpoint: endpoint.optional(),
  qualifier: z
    .string()
    .min(1)
    .optional()
    .describe('shown in parentheses after the value, e.g. "monotherapy"'),
};

const percentCell = z.strictObject({
  percent: decimal.describe('the percentage as reported, e.g. 19 or "35.2"'),
  n: z.number().int().nonnegative().optional().describe('responders (numerator)'),
  N: z.number().int().positive().optional().describe('patients (denominator)'),
  ...cellExtras,
});

const countCell = z.strictObject({
  count: z.number().int().nonnegative().describe('a whole number such as the number of patients'),
  ...cellExtras,
});

const rangeCell = z.strictObject({
  range: z.tuple([decimal, decimal]).describe('[low, high] percentages as reported'),
  ...cellExtras,
});

const durationCell = z.strictObject({
  duration: decimal,
  unit: z.enum(['days', 'weeks', 'months', 'years']),
  ...cellExtras,
});

const textCell = z.strictObject({
  text: z.string().min(1).describe('qualitative value or label, e.g. "High", "Varies"'),
  ...cellExtras,
});

const missingCell = z.strictObject({
  missing: z.enum(['-', '–', '—', 'NR', 'N/A', 'NE']).describe('explicit marker for a value not reported'),
  cite: citations,
});

/** A bare string is a text cell; everything else names its kind by its key. */
export const cellSchema = z.union([
  z.string().min(1),
  percentCell,
  countCell,
  rangeCell,
  durationCell,
  textCell,
  missingCell,
]);

const columnSchema = z.strictObject({
  label: z.string().min(1),
  role: z
    .enum(['label', 'patients', 'population', 'rate', 'time', 'other'])
    .default('other')
    .describe('"patients" makes the column the N of percentages in its row; "rate" columns are charted'),
  endpoint: endpoint.optional().describe('the endpoint every rate in this column reports'),
});

/** How 95% confidence intervals of rates with n/N are computed (integrity issue). */
export const intervalMethodSchema = z
  .enum(['clopper-pearson', 'wilson'])
  .describe('95% CI method for rates with n/N: exact Clopper–Pearson (default) or Wilson score');

export const tableSchema = z.strictObject({
  title: z.string().min(1),
  columns: z.array(columnSchema).min(2),
  rows: z.array(z.array(cellSchema).min(1)).min(1),
  footnotes: z.array(prose).default([]),
  cite: citations,
  interval: intervalMethodSchema.optional().describe('overrides the brief-wide interval method'),
});

const armSchema = z.strictObject({
  label: z.string().min(1),
  treatment: prose,
  patients: z.number().int().positive().optional(),
});

const protocolSchema = z.strictObject({
  title: z.string().min(1).describe('e.g. "Phase II AML Trial (Cortes et al., 2012)"'),
  design: prose,
  population: prose,
  arms: z
    .strictObject({
      label: z.string().min(1).default('Treatment Arms'),
      items: z.array(armSchema).min(1),
      cite: citations,
    })
    .optional(),
  regimen: prose.optional().describe('the treatment of a single-arm study'),
  dosage: prose.optional(),
  primaryEndpoint: prose,
  registration: z
    .string()
    .regex(/^NCT\d{8}$/, 'write a ClinicalTrials.gov id such as NCT01234567')
    .optional(),
  randomised: z
    .boolean()
    .optional()
    .describe('true for a randomised study (checked against the results, R13)'),
  enrolled: z
    .number()
    .int()
    .positive()
    .optional()
    .describe('patients randomised or enrolled in total (checked against the sum of arm sizes, R20)'),
  line: z
    .enum(['first-line', 'relapsed-refractory', 'mixed'])
    .optional()
    .describe('line of therapy of the study population (R14); read from the population text when absent'),
});

const comparisonSchema = z.strictObject({
  heading: z.string().min(1),
  intro: prose.optional(),
  table: tableSchema,
});

/** A figure drawn from data: boxes (steps) joined by arrows, top to bottom. */
export const flowFigureSchema = z.strictObject({
  title: z.string().min(1),
  caption: prose,
  steps: z
    .array(
      z.strictObject({
        label: z.string().min(1),
        detail: z.string().min(1).optional(),
        tone: z.enum(['neutral', 'compound', 'effect', 'outcome']).default('neutral'),
      }),
    )
    .min(2),
});

const indicationSchema = z.strictObject({
  id: identifier,
  name: z.string().min(1),
  abbreviation: z.string().min(1),
  heading: z.string().min(1).optional().describe('defaults to "Efficacy in <name> (<abbreviation>)"'),
  intro: prose,
  protocols: z.array(protocolSchema).min(1),
  results: tableSchema,
  resultsDiscussion: prose.optional(),
  comparison: comparisonSchema.optional(),
  chart: z
    .strictObject({
      caption: prose.optional(),
      exclude: z.boolean().default(false),
    })
    .optional(),
});

export const referenceSchema = z.strictObject({
  id: identifier,
  authors: z.array(z.string().min(1)).optional().describe('Vancouver form: "Cortes J"'),
  title: z.string().min(1).optional(),
  journal: z.string().min(1).optional(),
  year: z.number().int().min(1800).max(2200).optional(),
  volume: z.string().min(1).optional(),
  issue: z.string().min(1).optional(),
  pages: z.string().min(1).optional(),
  doi: z
    .string()
    .regex(/^10\.\d{4,9}\/\S+$/, 'write the bare DOI such as 10.1002/cncr.26292')
    .optional(),
  pmid: z
    .string()
    .regex(/^\d{1,9}$/, 'write the PubMed id digits only')
    .optional(),
  pmcid: z
    .string()
    .regex(/^PMC\d+$/)
    .optional(),
  url: z.url({ protocol: /^https?$/ }).optional(),
  site: z.string().min(1).optional().describe('where the reference was found, e.g. "PubMed"'),
  domain: z
    .string()
    .min(1)
    .optional()
    .describe('host name shown in brackets, e.g. "pubmed.ncbi.nlm.nih.gov"'),
});

const severitySetting = z.enum(['off', 'info', 'warning', 'error']);

/** Per-brief settings of the integrity checks (see docs/integrity.md). */
export const integritySettingsSchema = z.strictObject({
  interval: intervalMethodSchema.optional(),
  rules: z
    .record(
      z.string().regex(/^R([1-9]|1[0-9]|20)$/, 'name an integrity rule R1..R20'),
      z.strictObject({
        severity: severitySetting.describe(
          '"off" switches the rule off; otherwise its findings get this severity',
        ),
        reason: z.string().min(3, 'say why the rule is switched off or re-graded'),
        paths: z
          .array(z.string().min(1))
          .min(1)
          .optional()
          .describe(
            'limit the change to findings at these data paths, e.g. "indications[1].results.rows[0][2]"',
          ),
      }),
    )
    .optional(),
  residuePhrases: z
    .array(z.string().min(2))
    .optional()
    .describe('extra template-residue phrases for R16, added to the built-in list'),
});

const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}(-\d{2})?$/, 'write the date as YYYY-MM-DD or YYYY-MM (quote it in YAML)');

export const briefSchema = z.strictObject({
  meta: z.strictObject({
    title: z.string().min(1),
    shortTitle: z.string().min(1).max(80).describe('running header'),
    subject: z.string().min(1).optional(),
    compound: z.strictObject({ name: z.string().min(1), catalogueNumber: z.string().min(1).optional() }),
    author: z.string().min(1),
    organisation: z.string().min(1).optional(),
    issued: isoDate,
    audience: z.string().min(1).optional(),
    keywords: z.array(z.string().min(1)).default([]),
    language: z.string().default('en'),
    literatureSearchDate: isoDate.optional().describe('date of the literature search (R19)'),
    dataCutoff: isoDate.optional().describe('data cut-off date of the evidence (R19)'),
  }),
  introduction: prose,
  mechanism: z.strictObject({
    heading: z.string().min(1).default('Mechanism of Action'),
    text: prose,
    figure: flowFigureSchema.optional(),
  }),
  indications: z.array(indicationSchema).min(1),
  workflow: flowFigureSchema.optional(),
  summary: z.strictObject({ heading: z.string().min(1).default('Summary and Conclusion'), text: prose }),
  notices: z
    .array(z.strictObject({ heading: z.string().min(1), text: prose }))
    .default([])
    .describe('publisher notices printed after the summary'),
  references: z.array(referenceSchema).min(1),
  citeAs: prose.optional().describe('how to cite this document'),
  disclaimer: z.strictObject({ heading: z.string().min(1).default('Disclaimer'), text: prose }).optional(),
  publisher: z
    .strictObject({
      name: z.string().min(1),
      mission: prose.optional(),
      address: z.array(z.string().min(1)).default([]),
      phone: z.string().min(1).optional(),
      email: z.email().optional(),
    })
    .optional(),
  integrity: integritySettingsSchema.optional().describe('integrity checks: interval method, rule re-grades'),
});

export type Brief = z.infer<typeof briefSchema>;
export type BriefInput = z.input<typeof briefSchema>;
export type Cell = z.infer<typeof cellSchema>;
export type Table = z.infer<typeof tableSchema>;
export type Column = Table['columns'][number];
export type Indication = Brief['indications'][number];
export type Protocol = Indication['protocols'][number];
export type Reference = z.infer<typeof referenceSchema>;
export type FlowFigure = z.infer<typeof flowFigureSchema>;
export type IntervalMethod = z.infer<typeof intervalMethodSchema>;

/** The interval method when neither the table nor the brief names one. */
export const defaultIntervalMethod: IntervalMethod = 'clopper-pearson';
export type IntegritySettings = z.infer<typeof integritySettingsSchema>;
