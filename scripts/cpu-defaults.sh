# Exports the defaults for ND4J's CPU backend that change training speed. A value already in the
# environment wins, and an empty one counts as unset. Sourced by ./coordconv, bench/side-by-side
# and scripts/with-cpu-defaults. Both variables must be set before the JVM starts
# (docs/benchmarks.md, "CPU settings"). Safe under `set -euo pipefail` and on any processor.

# Idle OpenMP threads sleep instead of spinning.
export OMP_WAIT_POLICY="${OMP_WAIT_POLICY:-PASSIVE}"

# OpenBLAS 0.3.19, which ND4J 1.0.0-M2.1 ships, did not recognise an AMD EPYC with AVX-512 and
# chose its Barcelona kernels (no AVX). SkylakeX names its AVX-512 kernels, which use these four
# subsets of AVX-512. Processors without a flags line (ARM, POWER) are left alone.
coordconv_has_avx512() {
    local flags
    flags=" $(grep -m1 '^flags' /proc/cpuinfo 2>/dev/null | cut -d: -f2 || true) "
    [[ "$flags" == *" avx512f "* && "$flags" == *" avx512bw "* \
        && "$flags" == *" avx512dq "* && "$flags" == *" avx512vl "* ]]
}

if [[ -z "${OPENBLAS_CORETYPE:-}" ]] && coordconv_has_avx512; then
    export OPENBLAS_CORETYPE=SkylakeX
fi
unset -f coordconv_has_avx512
