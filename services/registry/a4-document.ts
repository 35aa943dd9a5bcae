import PDFDocument from "pdfkit";

/**
 * A one-page A4 PDF being written (posters, compliance reports): no margins, the fonts
 * registered as "regular" and "bold" (embedded, subset by pdfkit), and the bytes once `doc.end()`.
 */
export function a4Document(fonts: { regular: string; bold: string }, title: string): { doc: PDFKit.PDFDocument; done: Promise<Buffer> } {
  const doc = new PDFDocument({ size: "A4", margin: 0, info: { Title: title, Creator: "qr-checkin-report" } });
  const chunks: Buffer[] = [];
  doc.on("data", (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on("end", () => resolve(Buffer.concat(chunks)));
    doc.on("error", reject);
  });
  doc.registerFont("regular", fonts.regular).registerFont("bold", fonts.bold);
  return { doc, done };
}
