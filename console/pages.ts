import { bulkActions } from "./bulk-actions.js";
import type { ConsolePage } from "./context.js";
import { queueCsv } from "./queue-csv.js";
import { compliancePage } from "./compliance-page.js";
import { mapPage } from "./map-page.js";
import { queuePage } from "./queue-page.js";
import { statisticsPage } from "./statistics-page.js";
import { venueUpload } from "./venue-upload.js";
import { venuesPage } from "./venues-page.js";
import { ticketActions } from "./ticket-actions.js";
import { ticketPage } from "./ticket-page.js";
import { photoRoutes } from "./ticket-photos.js";

/**
 * The console's pages, each one module registering its routes (see plugin.ts for the contract).
 * A new page is one file in console/ plus one line here.
 */
export const PAGES: ConsolePage[] = [queuePage, bulkActions, queueCsv, ticketPage, ticketActions, photoRoutes, statisticsPage, mapPage, venueUpload, venuesPage, compliancePage];
