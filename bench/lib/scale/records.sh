# Scale workload "records": record size and compression at the same load. Points: 1 KiB plaintext (the reference),
# 100 B records, 1 KiB lz4 and zstd batches (the producer's compression.type; the topic keeps what it is sent).
# Figures: produce MiB/s, records/s, p99, broker CPU per GiB produced; consume MiB/s and CPU per GiB read back.

scale_records_points() {
  echo "1KiB-none 100B-none 1KiB-lz4 1KiB-zstd"
}

scale_records_run() {
  local size compression records bytes
  size="${POINT%%-*}"
  compression="${POINT#*-}"
  case "$size" in 1KiB) size=1024 ;; 100B) size=100 ;; *) point_error "unknown point $POINT"; return 1 ;; esac
  # The same bytes at every point: 1 GiB (quick: 200 MiB).
  if (( SCALE_QUICK )); then bytes=$(( 200 * 1048576 )); else bytes=$(( 1024 * 1048576 )); fi
  records=$(( bytes / size ))
  create_topic "$RUN" scale-records 6 || { point_error "topic creation failed"; return 1; }
  perf_produce produce scale-records "$records" "$size" "$compression" || return 1
  perf_consume consume scale-records "$records" "$size" || return 1
  gc_pause_figures
}
