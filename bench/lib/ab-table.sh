# Sourced by ab.sh: the min / median / max table of the A and B runs' figures (DIR/A-N.properties, DIR/B-N.properties).

# Usage: ab_table DIR. One row per numeric figure either side has; B/A is the ratio of the medians.
ab_table() {
  local dir="$1"
  echo "| figure | A min / median / max | B min / median / max | B/A (medians) | runs A, B |"
  echo "|---|---:|---:|---:|---|"
  awk -F= '
    FNR == 1 { side = (FILENAME ~ /\/A-[0-9]+\.properties$/) ? "A" : "B" }
    $2 ~ /^-?[0-9]+(\.[0-9]+)?$/ {
      key = $1; names[key] = 1
      n = ++count[side, key]; value[side, key, n] = $2 + 0
    }
    function stats(side, key,   n, i, j, t, a) {
      n = count[side, key]
      if (n == 0) { med[side] = ""; return "n/a" }
      for (i = 1; i <= n; i++) a[i] = value[side, key, i]
      for (i = 2; i <= n; i++) for (j = i; j > 1 && a[j - 1] > a[j]; j--) { t = a[j]; a[j] = a[j - 1]; a[j - 1] = t }
      med[side] = (n % 2) ? a[(n + 1) / 2] : (a[n / 2] + a[n / 2 + 1]) / 2
      return fmt(a[1]) " / " fmt(med[side]) " / " fmt(a[n])
    }
    function fmt(x) { return (x >= 100 || x == int(x)) ? sprintf("%.0f", x) : sprintf("%.2f", x) }
    END {
      for (key in names) {
        sa = stats("A", key); sb = stats("B", key)
        ratio = (med["A"] != "" && med["B"] != "" && med["A"] != 0) ? sprintf("%.3f", med["B"] / med["A"]) : "n/a"
        printf "| %s | %s | %s | %s | %d, %d |\n", key, sa, sb, ratio, count["A", key], count["B", key]
      }
    }' "$dir"/A-*.properties "$dir"/B-*.properties 2>/dev/null | sort
}
