import { createCanvas, loadImage } from '@napi-rs/canvas';
import { seededRandom } from './render-scan.js';

/**
 * Makes a clean page rendering look scanned: slight rotation, blur and grey noise, saved as JPEG
 * (what most scanners put in a PDF).
 */
export async function degradePageImage(png: Buffer, options: { seed?: number; noise?: number; skewDeg?: number } = {}): Promise<Buffer> {
  const image = await loadImage(png);
  const canvas = createCanvas(image.width, image.height);
  const g = canvas.getContext('2d');
  g.fillStyle = '#ffffff';
  g.fillRect(0, 0, image.width, image.height);
  g.translate(image.width / 2, image.height / 2);
  g.rotate(((options.skewDeg ?? 0.4) * Math.PI) / 180);
  g.translate(-image.width / 2, -image.height / 2);
  g.filter = 'blur(0.6px)';
  g.drawImage(image, 0, 0);
  g.setTransform(1, 0, 0, 1, 0, 0);
  const data = g.getImageData(0, 0, image.width, image.height);
  const rand = seededRandom(options.seed ?? 1);
  const sigma = options.noise ?? 10;
  for (let i = 0; i < data.data.length; i += 4) {
    const v = Math.max(0, Math.min(255, (data.data[i] + data.data[i + 1] + data.data[i + 2]) / 3 + (rand() + rand() + rand() - 1.5) * 2 * sigma));
    data.data[i] = data.data[i + 1] = data.data[i + 2] = v;
  }
  g.putImageData(data, 0, 0);
  return canvas.toBuffer('image/jpeg', 80);
}
