"""Reference run for the GBDT benchmark: LightGBM (and scikit-learn's RandomForest) on the same CSVs.

Prints one JSON line {"auc", "seconds"}; training time excludes loading, as for the TypeScript run.
"""
import json, sys, time
import numpy as np

def load(path):
    d = np.genfromtxt(path, delimiter=',', filling_values=np.nan)
    return d[:, 1:], d[:, 0]

engine, train_path, test_path, params_json, threads = sys.argv[1:6]
p = json.loads(params_json)
Xtr, ytr = load(train_path)
Xte, yte = load(test_path)
from sklearn.metrics import roc_auc_score
if engine == 'lightgbm':
    import lightgbm as lgb
    t = time.perf_counter()
    ds = lgb.Dataset(Xtr, ytr, params={'max_bin': p['maxBin']})
    m = lgb.train({'objective': 'binary', 'num_leaves': p['numLeaves'], 'learning_rate': p['learningRate'],
                   'min_data_in_leaf': p['minDataInLeaf'], 'min_sum_hessian_in_leaf': p['minSumHessianInLeaf'],
                   'lambda_l2': p['lambdaL2'], 'num_threads': int(threads), 'verbose': -1, 'seed': p['seed'],
                   'deterministic': True, 'force_row_wise': True}, ds, num_boost_round=p['numRounds'])
    seconds = time.perf_counter() - t
    pred = m.predict(Xte)
else:
    from sklearn.ensemble import RandomForestClassifier
    from sklearn.impute import SimpleImputer
    imp = SimpleImputer(strategy='median').fit(Xtr)
    t = time.perf_counter()
    rf = RandomForestClassifier(n_estimators=200, min_samples_leaf=5, n_jobs=int(threads), random_state=p['seed']).fit(imp.transform(Xtr), ytr)
    seconds = time.perf_counter() - t
    pred = rf.predict_proba(imp.transform(Xte))[:, 1]
print(json.dumps({'auc': float(roc_auc_score(yte, pred)), 'seconds': seconds}))
