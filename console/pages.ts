import { bulkActions } from "./bulk-actions.js";
import type { ConsolePage } from "./context.js";
import { queueCsv } from "./queue-csv.js";
import { compliancePage } from "./compliance-page.js";
import { mapPage } from "./map-page.js";
import { queuePage } from "./queue-page.js";
import { statisticsPage } from "./statistics-page.js";
import { venueUpload } from "./venue-upload.js";
import { venuesPage } from "./venues-page.js";

/**
 * The console's pages, each one module registering its routes (see plugin.ts for the contract).
 * A new page is one file in console/ plus one line here.
 */
export const PAGES: ConsolePage[] = [queuePage, bulkActions, queueCsv, statisticsPage, mapPage, venueUpload, venuesPage, compliancePage];
