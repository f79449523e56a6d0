#!/usr/bin/env bash
# Tries a hubgen binary against hostile and careless input (issue 9) and
# prints one line per case: what the command did to the files around it.
# Compare two binaries side by side:
#   go build -o /tmp/hubgen . && bench/safety.sh /tmp/hubgen
H=$(realpath "$1")
REPO=$(cd "$(dirname "$0")/.." && pwd)
W=$(mktemp -d); cd "$W"
mk() { rm -rf site; mkdir site; cp -r "$REPO"/{config.toml,content,layouts,static,i18n} site/; mkdir -p site/.git; echo x > site/.git/HEAD; }
say() { printf '%-58s %s\n' "$1" "$2"; }
mk; $H build --source site --dest site >/dev/null 2>&1; st=$?; say "build --dest = --source" "exit $st, content/ $( [ -d site/content ] && echo kept || echo DELETED), .git $( [ -d site/.git ] && echo kept || echo DELETED)"
mk; mkdir p; mv site p/; touch p/other; $H build --source p/site --dest p >/dev/null 2>&1; st=$?; say "build --source p/site --dest p" "exit $st, p/site $( [ -d p/site/content ] && echo kept || echo DELETED), p/other $( [ -e p/other ] && echo kept || echo DELETED)"; rm -rf p
mk; echo notes > out.txt; $H build --source site --dest out.txt >/dev/null 2>&1; st=$?; say "build --dest out.txt (a file)" "exit $st, out.txt $(grep -q notes out.txt 2>/dev/null && echo kept || echo DELETED)"
mkdir real; ln -s real link; $H build --source site --dest link >/dev/null 2>&1; st=$?; say "build --dest link (symlink to dir)" "exit $st, link is $( [ -L link ] && echo 'a link' || echo 'REPLACED by a directory')"; rm -rf real link
mkdir docs; echo plan > docs/plan.txt; $H build --source site --dest docs >/dev/null 2>&1; st=$?; say "build --dest docs (non-empty, not an output)" "exit $st, docs/plan.txt $( [ -e docs/plan.txt ] && echo kept || echo DELETED)"; rm -rf docs
mkdir -p .out.new-1 .out.old-2; $H build --source site --dest out >/dev/null 2>&1; say "stale .out.new-*/.out.old-* after a killed build" "$(ls -d .out.* 2>/dev/null | wc -l) left"; rm -rf out .out.*
ln -s /etc/passwd site/static/passwd.txt; $H build --source site --dest pub >/dev/null 2>&1; st=$?; say "static/passwd.txt -> /etc/passwd" "exit $st, $( [ -e pub/passwd.txt ] && echo PUBLISHED || echo 'not published')"; rm -rf pub site/static/passwd.txt
printf -- "---\ntitle: Leak\ndate: 2024-01-01\n---\nsekret-z-zewnatrz\n" > "$W/leak.md"; ln -s "$W/leak.md" site/content/news/leak.pl.md; $H build --source site --dest pub >/dev/null 2>&1; st=$?; say "content/news/leak.pl.md -> file outside" "exit $st, $(grep -rl sekret pub 2>/dev/null | wc -l) files publish it"; rm -rf pub site/content/news/leak.pl.md
ln -s /dev/zero site/static/zero.bin; ( ulimit -v 4000000; timeout -s KILL 20 $H build --source site --dest pub >/dev/null 2>&1 ); st=$?; say "static/zero.bin -> /dev/zero (4 GB cap, 20 s)" "exit $st"; rm -rf pub site/static/zero.bin
mkfifo site/content/news/pipe.pl.md; timeout -s KILL 10 $H check --source site >/dev/null 2>&1; st=$?; say "content/news/pipe.pl.md is a FIFO (check, 10 s)" "exit $st $( [ $st = 124 ] && echo '(HANG)')"; rm site/content/news/pipe.pl.md
for a in "/./" "/./404.html" "/en/./" "/aktualnosci//"; do printf -- "---\ntitle: Test\ndate: 2024-01-01\naliases: [\"$a\"]\n---\nx\n" > site/content/news/zz.pl.md; $H check --source site >/dev/null 2>&1; c=$?; $H build --source site --dest pub >/dev/null 2>&1; b=$?; say "alias $a" "check $c, build $b"; rm -rf pub; done; rm site/content/news/zz.pl.md
for a in "/css/site.css" "/feed.xml" "/search/pl/manifest.json"; do printf -- "---\ntitle: Test\ndate: 2024-01-01\naliases: [\"$a\"]\n---\nx\n" > site/content/news/zz.pl.md; $H check --source site >/dev/null 2>&1; c=$?; m=$($H build --source site --dest pub 2>&1 | grep -v warning | head -1); say "alias $a" "check $c; build: ${m:0:70}"; rm -rf pub; done; rm site/content/news/zz.pl.md
printf -- "---\ntitle: $(printf 'Bardzo dlugi tytul %.0s' $(seq 1 16))\ndate: 2024-01-01\n---\nx\n" > site/content/news/long.pl.md; $H check --source site >/dev/null 2>&1; c=$?; $H build --source site --dest pub >/dev/null 2>&1; say "312-character title, no slug" "check $c, build $?"; rm -rf pub site/content/news/long.pl.md
ln -s css site/static/styles; $H check --source site >/dev/null 2>&1; c=$?; $H build --source site --dest pub >/dev/null 2>&1; say "static/styles -> css (a directory)" "check $c, build $?"; rm -rf pub site/static/styles
for u in "javascript://x/" "ftp://example.org/" "https://ex.org//evil.example/"; do $H build --source site --dest pub --base-url "$u" >/dev/null 2>&1; say "--base-url $u" "exit $?"; rm -rf pub; done
timeout -s KILL 5 $H serve --source site --bind evil.example --port 18081 >/dev/null 2>&1; say "serve --bind evil.example" "exit $?"
$H serve --source site --port 18082 >/dev/null 2>&1 & sleep 3
say "GET //evil.example%2f..%2fen" "$(curl -s -o /dev/null -w '%{http_code} Location: %{redirect_url}' --path-as-is 'http://127.0.0.1:18082//evil.example%2f..%2fen')"
say "POST /" "$(curl -s -o /dev/null -w '%{http_code}' -X POST http://127.0.0.1:18082/)"
kill %1; wait
rm -rf "$W"
