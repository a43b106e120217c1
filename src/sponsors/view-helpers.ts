import { formatPence } from './money.ts';
import { logoSizeLabels, sponsorFundLabels } from './packages.ts';
import { invoiceStatusLabels, sponsorStatusLabels } from './sponsors.ts';

/** How pages write the sponsors area's money, funds, logo sizes and statuses (`it.h.name(...)`). */
export const sponsorViewHelpers = {
  /** 150000 → "£1,500". */
  pence: formatPence,
  sponsorFundLabels,
  logoSizeLabels,
  sponsorStatusLabels,
  invoiceStatusLabels,
};
