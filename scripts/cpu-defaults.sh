# Exports the defaults for ND4J's CPU backend that change training speed; a value already in the
# environment wins. Sourced by ./coordconv, bench/side-by-side and notebooks/install-kernel. Both
# variables must be set before the JVM starts (docs/benchmarks.md, "CPU settings").

# Idle OpenMP threads sleep instead of spinning.
export OMP_WAIT_POLICY="${OMP_WAIT_POLICY:-PASSIVE}"

# OpenBLAS 0.3.19, which ND4J 1.0.0-M2.1 ships, did not recognise an AMD EPYC with AVX-512 and
# chose its Barcelona kernels (no AVX). SkylakeX names its AVX-512 kernels, which use these four
# subsets of AVX-512.
if [[ -z "${OPENBLAS_CORETYPE:-}" && -r /proc/cpuinfo ]]; then
    cpu_flags=" $(grep -m1 '^flags' /proc/cpuinfo | cut -d: -f2) "
    if [[ "$cpu_flags" == *" avx512f "* && "$cpu_flags" == *" avx512bw "* \
        && "$cpu_flags" == *" avx512dq "* && "$cpu_flags" == *" avx512vl "* ]]; then
        export OPENBLAS_CORETYPE=SkylakeX
    fi
    unset cpu_flags
fi
