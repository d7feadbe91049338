#!/usr/bin/env bash
# startup.sh measures the start-up of anthropic-admin against a plain
# net/http program doing the same (main.go beside it), built the way
# `go build` builds them by default: the wall time (mean and median) and
# CPU time (user + system) of --help, version and a real-API command (org
# show, a GET to a loopback server) over many runs (hyperfine), their peak
# RSS and page faults (/usr/bin/time, median of SAMPLES runs), the package
# initialisation (GODEBUG=inittrace=1: its clock time and allocations
# summed over the packages, median of the runs) and the binary sizes.
#
# The "floor" row is the tool built with the startupfloor tag (see
# a_startupfloor.go), which exits before any of the tool's own code runs:
# the Go runtime's start and the initialisation of every package the tool
# links, beside the baseline's whole --help. What lies between the floor
# and a command is what the tool's own code costs; what lies between the
# baseline and the floor is the price of what it links.
#
# The binaries are measured as copies (cp), as a downloaded or installed
# binary is, not as the files the linker wrote: the linker writes through
# a memory map, which leaves the file's pages in the page cache as small
# pages until they are evicted, and every exec of such a file takes more
# page faults: on Linux 6.18, ext4, a freshly linked anthropic-admin
# starts about 0.4 ms slower than a copy of the same bytes, the smaller
# baseline about 0.1 ms. LINKED=1 measures the linked files instead.
# Run it from anywhere (make startup); it is not part of make check.
#
#	RUNS=300 cmd/anthropic-admin/testdata/startup/startup.sh
#
# Environment: RUNS (hyperfine runs per command, default 300, in ROUNDS
# rounds, default 10), SAMPLES
# (runs for RSS, page faults and inittrace, default 50), LINKED (1 to
# measure the files as linked, see above), OUT (a directory
# to keep the binaries and raw results in; default a temporary one),
# COMPARE (another anthropic-admin binary, such as one built from an
# earlier commit, measured in the same run: its rows say "(compare)" and
# its ratios are to the same baseline; give it a copy, see above).
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../../../.." && pwd)
RUNS=${RUNS:-300}
ROUNDS=${ROUNDS:-10}
SAMPLES=${SAMPLES:-50}
out=${OUT:-$(mktemp -d)}
mkdir -p "$out"

for tool in hyperfine /usr/bin/time awk; do
	command -v "$tool" >/dev/null || { echo "startup.sh: needs $tool" >&2; exit 2; }
done

cd "$root"
go build -o "$out/anthropic-admin" ./cmd/anthropic-admin
go build -o "$out/baseline" ./cmd/anthropic-admin/testdata/startup
go build -tags startupfloor -o "$out/floor" ./cmd/anthropic-admin
if [ "${LINKED:-}" != 1 ]; then
	for b in anthropic-admin baseline floor; do
		cp "$out/$b" "$out/$b.copy" && mv "$out/$b.copy" "$out/$b"
	done
fi

# The loopback server for org show: the baseline's serve.
"$out/baseline" serve >"$out/url" &
srv=$!
trap 'kill "$srv" 2>/dev/null' EXIT
for _ in $(seq 100); do [ -s "$out/url" ] && break; sleep 0.05; done
url=$(cat "$out/url")
export ANTHROPIC_ADMIN_KEY=sk-ant-admin01-startup-measurement-not-a-key
export ANTHROPIC_ADMIN_BASE_URL=$url
unset ANTHROPIC_COMPLIANCE_KEY ANTHROPIC_ADMIN_OAUTH_TOKEN ANTHROPIC_ADMIN_API_VERSION GODEBUG || true

A=$out/anthropic-admin
B=$out/baseline
# name|command line, in pairs: the tool's, then the baseline's.
cases=(
	"--help|$A --help"
	"--help (baseline)|$B --help"
	"version|$A version"
	"version (baseline)|$B version"
	"org show|$A org show"
	"org show (baseline)|$B get $url/v1/organizations/me"
	"floor|$out/floor --help"
	"--help (baseline)|$B --help"
)
if [ -n "${COMPARE:-}" ]; then
	cases+=(
		"--help (compare)|$COMPARE --help"
		"--help (baseline)|$B --help"
		"version (compare)|$COMPARE version"
		"version (baseline)|$B version"
		"org show (compare)|$COMPARE org show"
		"org show (baseline)|$B get $url/v1/organizations/me"
	)
fi

# Check that each command works before timing it.
for c in "${cases[@]}"; do
	${c#*|} >/dev/null || { echo "startup.sh: ${c#*|} failed" >&2; exit 1; }
done

args=()
declare -A seen
for c in "${cases[@]}"; do
	[ -n "${seen[${c%%|*}]:-}" ] && continue
	seen[${c%%|*}]=1
	args+=("--command-name=${c%%|*}" "${c#*|}")
done
# hyperfine times one command after the other: on a shared machine a
# burst of load would fall on one of them. So the runs are split into
# ROUNDS rounds of every command, and each figure is the median over the
# rounds of the round's mean or median.
per=$(( (RUNS + ROUNDS - 1) / ROUNDS ))
: >"$out/hyperfine.txt"
for r in $(seq "$ROUNDS"); do
	hyperfine -N --warmup 5 --runs "$per" --style basic --export-csv "$out/hyperfine-$r.csv" "${args[@]}" >>"$out/hyperfine.txt" 2>&1
done

# median prints the median of the numbers on stdin.
median() { sort -g | awk '{v[NR]=$1} END {if (NR%2) print v[(NR+1)/2]; else print (v[NR/2]+v[NR/2+1])/2}'; }

row() { printf '%-22s %9s %9s %8s %8s %7s %9s %11s\n' "$@"; }
row command mean_ms median_ms cpu_ms rss_kb faults init_ms init_allocs
i=0
for c in "${cases[@]}"; do
	name=${c%%|*} cmd=${c#*|}
	# hyperfine-*.csv: command,mean,stddev,median,user,system,min,max (seconds)
	lines=$(awk -F, -v n="$name" 'FNR>1 && $1==n' "$out"/hyperfine-*.csv)
	mean[i]=$(echo "$lines" | awk -F, '{printf "%.3f\n", $2*1000}' | median)
	med[i]=$(echo "$lines" | awk -F, '{printf "%.3f\n", $4*1000}' | median)
	cpu[i]=$(echo "$lines" | awk -F, '{printf "%.3f\n", ($5+$6)*1000}' | median)
	rss[i]=$(for _ in $(seq "$SAMPLES"); do /usr/bin/time -f '%M' $cmd 2>&1 >/dev/null | tail -1; done | median)
	faults[i]=$(for _ in $(seq "$SAMPLES"); do /usr/bin/time -f '%R' $cmd 2>&1 >/dev/null | tail -1; done | median)
	# inittrace lines: init <pkg> @<t> ms, <clock> ms clock, <bytes> bytes, <allocs> allocs
	initms[i]=$(for _ in $(seq "$SAMPLES"); do GODEBUG=inittrace=1 $cmd 2>&1 >/dev/null |
		awk '/^init /{ms+=$5} END {printf "%.3f\n", ms}'; done | median)
	allocs[i]=$(GODEBUG=inittrace=1 $cmd 2>&1 >/dev/null | awk '/^init /{a+=$10} END {print a}')
	row "$name" "${mean[i]}" "${med[i]}" "${cpu[i]}" "${rss[i]}" "${faults[i]}" "${initms[i]}" "${allocs[i]}"
	if [ $((i % 2)) -eq 1 ]; then
		j=$((i - 1))
		ratio() { awk -v a="$1" -v b="$2" 'BEGIN {printf "%.2fx", a/b}'; }
		row "  ratio" "$(ratio "${mean[j]}" "${mean[i]}")" "$(ratio "${med[j]}" "${med[i]}")" "$(ratio "${cpu[j]}" "${cpu[i]}")" \
			"$(ratio "${rss[j]}" "${rss[i]}")" "$(ratio "${faults[j]}" "${faults[i]}")" "" ""
	fi
	i=$((i + 1))
done
echo
printf 'binary size: anthropic-admin %s bytes, baseline %s bytes' "$(stat -c %s "$A")" "$(stat -c %s "$B")"
[ -n "${COMPARE:-}" ] && printf ', compare %s bytes' "$(stat -c %s "$COMPARE")"
echo
echo "hyperfine's own report: $out/hyperfine.txt"
