/**
 * A one-page A4 PDF being written (posters, compliance reports): no margins, the fonts
 * registered as "regular" and "bold" (embedded, subset by pdfkit), and the bytes once `doc.end()`.
 * pdfkit (with fontkit and its tables: 12–14 MB of the app's resident memory) loads with the first
 * PDF: most processes never write one.
 */
export async function a4Document(fonts: { regular: string; bold: string }, title: string): Promise<{ doc: PDFKit.PDFDocument; done: Promise<Buffer> }> {
  const { default: PDFDocument } = await import("pdfkit");
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
