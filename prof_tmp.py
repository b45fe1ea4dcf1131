import sys, runpy, cProfile, pstats, datetime as dt
sys.argv=["x","--scale","smoke"]
mod = runpy.run_path("bench/bench_compilation_pdf.py", run_name="notmain")
from bench.common import setup_django
setup_django()
import logging; logging.disable(logging.CRITICAL)
round_ = mod["prepare"]()
from samverkan.agreements import compilation, exports
c = compilation.build(round_, dt.date(2014,1,15))
exports.compilation_pdf(c)
cProfile.run("exports.compilation_pdf(c)", "/tmp/p4")
pstats.Stats("/tmp/p4").sort_stats("cumulative").print_stats(30)
