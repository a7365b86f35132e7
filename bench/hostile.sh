#!/usr/bin/env bash
# Hostile files (issue 17) at full size: each generated in a temporary
# folder (${TMPDIR:-/tmp}, deleted at the end; about 3.5 GB at the peak),
# indexed alone next to one good article by `fihris index`, with its
# outcome (what stderr says of it), exit code, wall time and peak RSS
# (/usr/bin/time). Prints one Markdown table (the rows of BENCHMARKS.md,
# "Hostile files and arguments"). The small versions run in CI
# (tests/hostile). Nothing here needs ../shared/data.
#
#   bench/hostile.sh            every row
#   bench/hostile.sh bomb deep  only the rows whose name holds one of them
#
# Rows: a gzip bomb (20 GiB of text in 20 MiB: 80 members of 256 MiB
# each) at the default cap (1 GiB) and at --max-file-size 64, and named
# .jsonl.gz; a 2 GB JSON
# Lines file of one line (over the cap: refused from its size) and one of
# 900 MB (under it: the record skipped, over the article cap); a 500 MB
# text file of one line and one of 16 MB (just under the article cap); JSON, JSON
# Lines, HTML and Markdown nested 100,000 levels deep; a named pipe, a
# socket, a device, a name that is not UTF-8, a link out of the corpus;
# a file unreadable and a folder unlistable (as nobody, through setpriv,
# when run as root). FIHRIS_BIN: a binary to use instead of building.
set -euo pipefail

# shellcheck source=SCRIPTDIR/lib.sh
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
if [ ! -x /usr/bin/time ]; then
    apt-get install -y time >/dev/null 2>&1 || bench_skip hostile "no /usr/bin/time"
fi
bench_fihris hostile

W=$(mktemp -d "${TMPDIR:-/tmp}/fihris-hostile.XXXXXX")
chmod 755 "$W"
trap 'chmod -R u+rwX "$W" 2>/dev/null; rm -rf "$W"' EXIT
ONLY=("$@")

wanted() {
    [ ${#ONLY[@]} -eq 0 ] && return 0
    local w
    for w in "${ONLY[@]}"; do
        case "$1" in *"$w"*) return 0 ;; esac
    done
    return 1
}

GOOD='Jumelage entre deux agences

Le projet de jumelage financé par l'\''Union européenne durera deux ans, selon les responsables de la wilaya.
'

# fresh: an empty corpus folder $W/c holding the good article, no index.
fresh() {
    chmod -R u+rwX "$W" 2>/dev/null || true
    rm -rf "$W/c" "$W/idx" "$W/out"
    mkdir -p "$W/c"
    printf '%s' "$GOOD" > "$W/c/good.txt"
}

# measure NAME NOTE [--as-nobody] -- ARGS...: index $W/c (with ARGS), then
# print the table row. The outcome is stderr's lines about files other than
# good.txt (or the error), shortened; "good indexed" says the good article
# was found afterwards.
measure() {
    local name=$1 note=$2 prefix=()
    shift 2
    if [ "${1:-}" = --as-nobody ]; then
        if [ "$(id -u)" = 0 ]; then
            prefix=(setpriv --reuid=65534 --regid=65534 --clear-groups)
        fi
        shift
    fi
    [ "${1:-}" = -- ] && shift
    local t0 t1 code
    t0=$(date +%s.%N)
    set +e
    (cd "$W" && /usr/bin/time -f '%M' -o "$W/rss" "${prefix[@]}" "$FIHRIS" --index idx index c "$@" \
        >"$W/stdout" 2>"$W/stderr")
    code=$?
    set -e
    t1=$(date +%s.%N)
    local rss outcome good
    rss=$(tail -1 "$W/rss")
    outcome=$(grep -v -e 'good.txt' -e '^added ' -e '^Command exited' "$W/stderr" | sed 's/^skipped c\///' |
        head -3 | paste -sd ';' | cut -c1-140 || true)
    [ -n "$outcome" ] || outcome=$(sed 's/, in [0-9.]* s.*//' "$W/stdout")
    good=$(cd "$W" && "${prefix[@]}" "$FIHRIS" --index idx search --json jumelage 2>/dev/null | grep -c good.txt || true)
    [ "$good" = 1 ] && good="good indexed" || good="good NOT indexed"
    if grep -q panicked "$W/stderr" || [ "$code" -gt 2 ]; then
        outcome="FAILURE: $outcome"
    fi
    printf '| %s | %s | %s | %.1f s | %s MB | %s; %s |\n' "$name" "${outcome//|/\\|}" "$code" \
        "$(echo "$t1 - $t0" | bc)" "$((rss / 1024))" "$good" "$note"
}

echo "| check | outcome | exit | time | peak RSS | notes |"
echo "|---|---|---|---|---|---|"

if wanted bomb; then
    fresh
    # One member: 256 MiB of text, gzip -9 (about 250 KiB); 80 copies.
    python3 - "$W/member.gz" <<'PY'
import sys, zlib
z = zlib.compressobj(9, zlib.DEFLATED, 31)
chunk = ("emploi des jeunes " * 58255).encode()[: 1 << 20]
with open(sys.argv[1], "wb") as f:
    for _ in range(256):
        f.write(z.compress(chunk))
    f.write(z.flush())
PY
    for _ in $(seq 80); do cat "$W/member.gz"; done > "$W/c/bomb.txt.gz"
    rm "$W/member.gz"
    size=$(du -m "$W/c/bomb.txt.gz" | cut -f1)
    measure "gzip bomb, default cap (1 GiB)" "${size} MB inflating to 20 GiB; a file of one article: read up to 4 times the article cap (64 MiB)"
    measure "gzip bomb, --max-file-size 64" "same file; read up to 64 MiB" -- --max-file-size 64
    mv "$W/c/bomb.txt.gz" "$W/c/bomb.jsonl.gz"
    measure "gzip bomb as JSON Lines, default cap" "same file, records: scanned through a buffer up to the file cap (1 GiB)"
fi

# one_line FILE MB [HEAD] [TAIL]: a file of HEAD, then "emploi " repeated
# to MB million bytes on one line, then TAIL and a line feed (a JSON Lines
# record when HEAD opens one and TAIL closes it).
one_line() {
    python3 - "$@" <<'PY'
import sys
path, mb = sys.argv[1], int(sys.argv[2])
head = sys.argv[3].encode() if len(sys.argv) > 3 else b""
tail = sys.argv[4].encode() if len(sys.argv) > 4 else b""
word = b"emploi " * (1 << 17)  # 896 KiB
with open(path, "wb") as f:
    f.write(head)
    n = 0
    while n < mb * 1_000_000:
        f.write(word)
        n += len(word)
    f.write(tail + b"\n")
PY
}

if wanted jsonl; then
    fresh
    # One record whose body is one line of 2 GB (sparse writes are not
    # enough: the size cap is checked on the metadata, but the file must be
    # real for the other rows).
    one_line "$W/c/huge.jsonl" 2000 '{"id":"huge","title":"Une ligne","body":"' '"}'
    measure "JSON Lines, one line of 2 GB" "over the 1 GiB cap: refused from its size, unread"
    rm -f "$W/c/huge.jsonl"
    fresh
    one_line "$W/c/large.jsonl" 900 '{"id":"large","title":"Une ligne","body":"' '"}'
    measure "JSON Lines, one line of 900 MB" "under the file cap: read as a stream, the record skipped unkept"
    rm -f "$W/c/large.jsonl"
fi

if wanted text; then
    fresh
    one_line "$W/c/line.txt" 500
    measure "text, one line of 500 MB" "over 4 times the article cap: refused from its size, unread"
    rm -f "$W/c/line.txt"
    fresh
    one_line "$W/c/line.txt" 16
    measure "text, one line of 16 MB" "just under the article cap (16 MiB): read, the most an article costs"
    rm -f "$W/c/line.txt"
fi

if wanted deep; then
    fresh
    python3 -c 'print("[" * 100000 + "]" * 100000)' > "$W/c/deep.json"
    measure "JSON nested 100,000 deep" "serde_json's recursion limit (128)"
    fresh
    python3 -c 'v = "[" * 100000 + "]" * 100000; print("{\"id\":\"a\",\"title\":\"t\",\"body\":\"emploi\",\"x\":" + v + "}")' > "$W/c/deep.jsonl"
    measure "JSON Lines, a record nested 100,000 deep" "in a field fihris does not read: skipped over"
    fresh
    python3 -c 'print("<h1>Profond</h1>" + "<div>" * 100000 + "emploi" + "</div>" * 100000)' > "$W/c/deep.html"
    measure "HTML nested 100,000 deep" "refused before parsing (was 43 s to parse, read)"
    fresh
    python3 -c 'print("<h1>Profond</h1>" + ("<div>" * 1024 + "emploi " + "</div>" * 1024) * 900)' > "$W/c/deep.html"
    measure "HTML 1024 deep (the cap), 10 MB" "as deep as allowed, all the way: read"
    fresh
    python3 -c 'print("# Citations\n\n" + ">" * 100000 + " emploi")' > "$W/c/deep.md"
    measure "Markdown quotes nested 100,000 deep" "pulldown-cmark"
fi

if wanted special; then
    fresh
    mkfifo "$W/c/pipe.txt"
    measure "named pipe" "never opened (opening waits for a writer)"
    fresh
    python3 -c "import socket,sys; socket.socket(socket.AF_UNIX).bind(sys.argv[1])" "$W/c/socket.txt"
    measure "socket" ""
    fresh
    ln -s /dev/zero "$W/c/zero.txt"
    measure "link to /dev/zero" "out of the corpus: not followed"
    measure "link to /dev/zero, --follow" "followed: a device, not read" -- --follow
    fresh
    printf '%s' "$GOOD" > "$W/c/$(printf 'caf\xe9.txt')"
    measure "file name not UTF-8" "an id is text"
    fresh
    mkdir -p "$W/out" && printf '%s' "$GOOD" > "$W/out/dehors.txt"
    ln -s ../out "$W/c/away"
    measure "link to a folder out of the corpus" "not followed"
    measure "link to a folder out of the corpus, --follow" "followed" -- --follow
fi

if wanted rights; then
    fresh
    chmod 777 "$W"
    mkdir -p "$W/c/sub" && printf '%s' "$GOOD" | sed 's/Jumelage/Verrou/' > "$W/c/sub/locked.txt"
    printf 'x' > "$W/c/secret.txt"
    chmod -R a+rwX "$W/c"
    chmod 000 "$W/c/sub" "$W/c/secret.txt"
    measure "unreadable file and folder" "as nobody (setpriv) when run as root" --as-nobody
    chmod 000 "$W/c"
    measure "corpus folder without rights" "as nobody; the index is left as it was" --as-nobody
    chmod 755 "$W/c" "$W/c/sub"
fi

echo
echo "$(bench_when); fihris $(git -C "$ROOT" rev-parse --short HEAD)"
