// Package packaging will turn approved campaigns into export bundles
// (per-platform folders, manifest.json, schedule.csv, index.html) and brand
// kits into .atelierkit files. It is empty until the packaging issue (#7).
package packaging
