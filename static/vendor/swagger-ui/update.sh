#!/bin/sh
# Re-vendor Swagger UI (the API documentation's browser) from the npm registry:
# ./update.sh [version], e.g. ./update.sh 5
# Copies only the standalone bundle, its stylesheet and the licences. The source-map comments
# are dropped: the maps are not vendored, and the hashed static files storage checks every
# address a file names.
set -eu
version="${1:-5}"
here="$(cd "$(dirname "$0")" && pwd)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

(cd "$work" && npm pack "swagger-ui-dist@$version" --silent >/dev/null && tar xzf swagger-ui-dist-*.tgz)
dist="$work/package"
for file in swagger-ui-bundle.js swagger-ui.css; do
  grep -v '^//# sourceMappingURL=\|^/\*# sourceMappingURL=' "$dist/$file" \
    | sed 's|/\*# sourceMappingURL=[^*]*\*/||; s|//# sourceMappingURL=.*$||' > "$here/$file"
done
cp "$dist/LICENSE" "$here/LICENSE"
cp "$dist/NOTICE" "$here/NOTICE"
cp "$dist/swagger-ui-bundle.js.LICENSE.txt" "$here/swagger-ui-bundle.js.LICENSE.txt"
node -p "require('$dist/package.json').version" > "$here/VERSION"
echo "swagger-ui-dist $(cat "$here/VERSION") vendored"
