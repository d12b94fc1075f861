#!/bin/sh
# Re-vendor Det Fælles Designsystem from the npm registry: ./update.sh [version], e.g. ./update.sh 11
# Copies only what the pages load (compiled CSS and JS, the woff2 fonts the CSS names, the icons)
# and the licence files, keeping the package's relative layout so the CSS finds its fonts.
set -eu
version="${1:-11}"
here="$(cd "$(dirname "$0")" && pwd)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

(cd "$work" && npm pack "dkfds@$version" --silent >/dev/null && tar xzf dkfds-*.tgz)
dist="$work/package/dist"
exact="$(node -p "require('$work/package/package.json').version")"

rm -rf "$here/css" "$here/js" "$here/fonts" "$here/img"
mkdir -p "$here/css" "$here/js" "$here/fonts/IBMPlexSans/complete/woff2" "$here/img"
cp "$dist/css/dkfds.min.css" "$here/css/"
cp "$dist/js/dkfds.min.js" "$here/js/"
# The woff2 files the CSS refers to (every browser the portal supports reads woff2).
for font in $(grep -o 'IBMPlexSans/complete/woff2/[A-Za-z-]*\.woff2' "$dist/css/dkfds.min.css" | sort -u); do
  cp "$dist/fonts/$font" "$here/fonts/$font"
done
cp "$dist/fonts/IBMPlexSans/complete/woff2/license.txt" "$here/fonts/IBMPlexSans/OFL-license.txt"
cp -r "$dist/img/svg-icons" "$here/img/"
cp "$dist/img/logo-placeholder.png" "$dist/img/logo-header-placeholder.png" "$here/img/"
cp "$dist/img/all-svg-icons.svg" "$here/img/"
cp "$work/package/LICENSE.md" "$here/LICENSE.md"
# Each @font-face keeps only its woff2 source, so every address in the CSS exists here (the
# hashed static files storage checks them) and no browser asks for a format that is not vendored.
node -e '
const fs = require("fs"), file = process.argv[1];
const css = fs.readFileSync(file, "utf8").replace(/src:([^;}]*)/g, (whole, list) => {
  const woff2 = list.split(/,(?=url\()/).filter((s) => s.includes(".woff2"));
  return woff2.length ? "src:" + woff2.join(",") : whole;
});
fs.writeFileSync(file, css);
' "$here/css/dkfds.min.css"
missing=0
for ref in $(grep -o "url([^)]*)" "$here/css/dkfds.min.css" | sed "s/^url(//; s/)$//; s/[\"\x27]//g" | grep -v "^data:" | sort -u); do
  [ -e "$here/css/$ref" ] || { echo "missing: $ref" >&2; missing=1; }
done
[ "$missing" = 0 ] || exit 1
# Source maps are left out: the map comment would make browsers' developer tools ask for them.
sed -i 's|/\*# sourceMappingURL=[^*]*\*/||; s|//# sourceMappingURL=.*||' "$here/css/dkfds.min.css" "$here/js/dkfds.min.js"
sed -i "s/^Version: .*/Version: $exact/" "$here/README.md"
echo "Vendored dkfds $exact into $here"
