"""statsmodels' side of the SARIMA and Holt-Winters tests (test/support/statsmodelsReference.ts runs it for test/baselines/*.test.ts).

Reads one JSON request on stdin, writes one JSON answer on stdout:
  {"kind": "sarimax-filter", "y": [...], "order": [p,d,q], "seasonal": [P,D,Q,s], "params": [...], "origins": [t...], "horizon": h}
  {"kind": "sarimax-fit", "y": [...], "order": ..., "seasonal": ..., "horizon": h}
  {"kind": "holt-winters", "y": [...], "period": m, "alpha":, "beta":, "gamma":, "level":, "trend":, "seasonal": [...], "horizon": h}
statsmodels is pinned in jupyter/requirements.txt.
"""
import json
import sys
import warnings

import numpy as np
import statsmodels
from statsmodels.tsa.exponential_smoothing.ets import ETSModel
from statsmodels.tsa.holtwinters import ExponentialSmoothing
from statsmodels.tsa.statespace.sarimax import SARIMAX

warnings.simplefilter("ignore")
req = json.load(sys.stdin)
y = np.asarray(req["y"], dtype=float)
out = {"statsmodels": statsmodels.__version__}
if req["kind"] == "sarimax-filter":
    params = np.asarray(req["params"], dtype=float)
    forecasts = []
    for t in req["origins"]:
        res = SARIMAX(y[: t + 1], order=req["order"], seasonal_order=req["seasonal"]).filter(params)
        forecasts.append(res.forecast(req["horizon"]).tolist())
    out["forecasts"] = forecasts
    # The same with simple_differencing=True (the ARMA on the differenced series, stationary start),
    # its forecasts of the differences integrated back to levels with the observed values.
    p, d, q = req["order"]
    P, D, Q, s = req["seasonal"]
    poly = np.array([1.0])
    for _ in range(d):
        poly = np.polymul(poly, [1.0, -1.0])
    for _ in range(D):
        poly = np.polymul(poly, np.r_[1.0, np.zeros(s - 1), -1.0])
    simple_forecasts = []
    for t in req["origins"]:
        res = SARIMAX(y[: t + 1], order=req["order"], seasonal_order=req["seasonal"], simple_differencing=True).filter(params)
        levels = list(y[: t + 1])
        for w in res.forecast(req["horizon"]):
            levels.append(w - sum(poly[j] * levels[-j] for j in range(1, len(poly))))
        simple_forecasts.append(levels[t + 1 :])
    out["forecastsSimpleDifferencing"] = [list(map(float, f)) for f in simple_forecasts]
    full = SARIMAX(y, order=req["order"], seasonal_order=req["seasonal"]).filter(params)
    simple = SARIMAX(y, order=req["order"], seasonal_order=req["seasonal"], simple_differencing=True).filter(params)
    out["llf"] = float(full.llf)
    out["llfSimpleDifferencing"] = float(simple.llf)
elif req["kind"] == "sarimax-fit":
    model = SARIMAX(y, order=req["order"], seasonal_order=req["seasonal"])
    res = model.fit(disp=0, maxiter=1000)
    out["params"] = res.params.tolist()
    out["names"] = list(model.param_names)
    out["llf"] = float(res.llf)
    out["forecast"] = res.forecast(req["horizon"]).tolist()
    simple = SARIMAX(y, order=req["order"], seasonal_order=req["seasonal"], simple_differencing=True)
    out["llfSimpleDifferencingAtParams"] = float(simple.filter(res.params).llf)
elif req["kind"] == "holt-winters":
    model = ExponentialSmoothing(
        y, trend="add", seasonal="add", seasonal_periods=req["period"], initialization_method="known",
        initial_level=req["level"], initial_trend=req["trend"], initial_seasonal=np.asarray(req["seasonal"], dtype=float),
    )
    res = model.fit(smoothing_level=req["alpha"], smoothing_trend=req["beta"], smoothing_seasonal=req["gamma"], optimized=False)
    out["level"] = np.asarray(res.level).tolist()
    out["trend"] = np.asarray(res.trend).tolist()
    out["season"] = np.asarray(res.season).tolist()
    out["fitted"] = np.asarray(res.fittedvalues).tolist()
    out["forecast"] = np.asarray(res.forecast(req["horizon"])).tolist()
    ets = ETSModel(
        y, error="add", trend="add", seasonal="add", seasonal_periods=req["period"], initialization_method="known",
        initial_level=req["level"], initial_trend=req["trend"], initial_seasonal=np.asarray(req["seasonal"], dtype=float),
    )
    with ets.fix_params({"smoothing_level": req["alpha"], "smoothing_trend": req["beta"] * req["alpha"], "smoothing_seasonal": req["gamma"]}):
        er = ets.fit(disp=False)
    out["etsFitted"] = np.asarray(er.fittedvalues).tolist()
    out["etsForecast"] = np.asarray(er.forecast(req["horizon"])).tolist()
else:
    raise SystemExit(f"statsmodelsReference.py: unknown kind {req['kind']!r}")
json.dump(out, sys.stdout)
