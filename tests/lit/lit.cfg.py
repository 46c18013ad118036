# lit configuration of Sinew's tool tests. Each tests/lit/<tool>/ folder holds tests for one
# tool; RUN lines call any executable in build/bin by name (it is first on PATH), plus
# FileCheck and `not` from LLVM. Run: lit -sv <build>/tests/lit
#
# Test files: *.vmasm, *.mlir and *.test. Helper inputs go in folders named `Inputs`.
# Features: `sinew-compiler` when sinew-compile and sinew-opt are built; `static-sample` when
# the tools' `custom` module is the static sample's (samples/custom_module/static).
# Substitutions:
#   %roundtrip FILE|DIR...   assemble, dump, re-assemble and dump again; the two dumps must be
#                            identical (directories contribute their *.vmasm files)
#   %sinew_source_dir        the source tree (e.g. for tests/vm programs)
#   %sinew_lib_dir           where the build puts shared libraries (the test dynamic module
#                            libsinew_test_dynamic_module.so)
import os

import lit.formats

config.name = "Sinew"
# Run RUN lines with bash so tests may use pipes, loops and globs.
config.test_format = lit.formats.ShTest(execute_external=True)
config.suffixes = [".vmasm", ".mlir", ".test"]
config.excludes = ["Inputs", "lit.cfg.py", "lit.site.cfg.py.in"]
config.test_source_root = os.path.dirname(__file__)
config.test_exec_root = os.path.join(config.sinew_binary_dir, "tests", "lit")

config.environment["PATH"] = os.pathsep.join(
    [config.sinew_tools_dir, config.llvm_tools_dir, config.environment.get("PATH", "")])

config.substitutions.append(
    ("%roundtrip", "bash " + os.path.join(config.test_source_root, "roundtrip", "roundtrip.sh")))
config.substitutions.append(("%sinew_source_dir", config.sinew_source_dir))
config.substitutions.append(("%sinew_lib_dir", config.sinew_lib_dir))

# Tests that compile MLIR say `REQUIRES: sinew-compiler` (SINEW_BUILD_COMPILER=OFF skips them).
if config.sinew_build_compiler:
    config.available_features.add("sinew-compiler")
# The tools of test builds link the static sample unless the build links another `custom`.
if config.sinew_static_sample_in_tools:
    config.available_features.add("static-sample")
