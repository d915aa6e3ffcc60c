# Shared by the benchmark scripts: source it. Values are microseconds, one a line.
# percentiles LABEL: prints p50 and p99 in milliseconds and the number of samples.
percentiles() {
  sort -n | awk -v label="$1" '{ v[NR] = $1 } END {
    if (NR == 0) { printf "%s: no samples\n", label; exit }
    p50 = v[int(0.50 * (NR - 1)) + 1]; p99 = v[int(0.99 * (NR - 1)) + 1]
    printf "%s: p50 %.2f ms, p99 %.2f ms over %d samples\n", label, p50 / 1000, p99 / 1000, NR }'
}
# p50: the median value as it is.
p50() { sort -n | awk '{ v[NR] = $1 } END { print v[int(0.5 * (NR - 1)) + 1] }'; }
