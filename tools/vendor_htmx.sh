#!/bin/sh
# Re-vendor htmx from the npm registry package (never a CDN) and check its sha256.
# The offices are often offline: zidocs serves this copy as package data.
set -eu
cd "$(dirname "$0")/.."
VERSION=2.0.11
SHA256=d6fdc75f204e6bdefa99b69bf1e6d4ac69b8a364f77929f45c13476b4000f717  # package/dist/htmx.min.js
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
(cd "$work" && npm pack --silent "htmx.org@$VERSION" >/dev/null && tar xzf "htmx.org-$VERSION.tgz")
got=$(sha256sum "$work/package/dist/htmx.min.js" | cut -d' ' -f1)
[ "$got" = "$SHA256" ] || { echo "sha256 berbeda: $got (diharapkan $SHA256)" >&2; exit 1; }
cp "$work/package/dist/htmx.min.js" zidocs/web/static/htmx.min.js
cp "$work/package/LICENSE" zidocs/web/static/htmx.LICENSE
echo "htmx $VERSION: $SHA256"
