"""A wheel of the Python module, built by the project's CMake (docs/python.md):

    pip wheel --no-build-isolation --no-deps .

uses Debian's setuptools and wheel (python3-setuptools, python3-wheel) and the build tools
of .ci/install-deps; nothing is fetched. The wheel then installs on a machine with the same
Debian release and Python, without the build tools: pip install --no-deps flowfolio-*.whl.
"""
import pathlib
import re
import shutil
import subprocess
import sys

from setuptools import Extension, setup
from setuptools.command.build_ext import build_ext

ROOT = pathlib.Path(__file__).resolve().parent
VERSION = re.search(r"project\(flowfolio VERSION ([0-9.]+)", (ROOT / "CMakeLists.txt").read_text()).group(1)


class CMakeBuild(build_ext):
    """Builds the extension with CMake and copies what the package needs beside it: the
    extension, _build_info.py and the report's chart libraries."""

    def build_extension(self, ext):
        build = pathlib.Path(self.build_temp).resolve() / "cmake"
        subprocess.run(["cmake", "-S", str(ROOT), "-B", str(build), "-DCMAKE_BUILD_TYPE=Release",
                        "-DFLOWFOLIO_PYTHON=ON", f"-DPython_EXECUTABLE={sys.executable}",
                        "-DFLOWFOLIO_BUILD_TESTS=OFF", "-DFLOWFOLIO_BUILD_BENCH=OFF"], check=True)
        subprocess.run(["cmake", "--build", str(build), "--target", "flowfolio_python", "-j2"], check=True)
        built = build / "python" / "flowfolio"
        if not (built / "report-assets" / "vega.min.js").is_file():
            sys.exit("setup.py: the report's chart libraries are missing: run `bash .ci/install-deps` first")
        target = pathlib.Path(self.get_ext_fullpath(ext.name)).parent
        target.mkdir(parents=True, exist_ok=True)
        shutil.copy2(built / pathlib.Path(self.get_ext_filename(ext.name)).name, target)
        shutil.copy2(built / "_build_info.py", target)
        shutil.copytree(built / "report-assets", target / "report-assets", dirs_exist_ok=True)


setup(
    name="flowfolio",
    version=VERSION,
    description="Monte Carlo risk/cost portfolio simulator for staffing communication work",
    packages=["flowfolio"],
    package_dir={"": "python"},
    package_data={"flowfolio": ["__init__.pyi", "py.typed"]},
    ext_modules=[Extension("flowfolio._flowfolio", sources=[])],
    cmdclass={"build_ext": CMakeBuild},
    python_requires=">=3.9",
    install_requires=["numpy", "pandas"],
    extras_require={"progress": ["tqdm"]},
    zip_safe=False,
)
