#!/usr/bin/env bash
# Plants one bug at a time in the behaviours that matter most, runs the tests that should catch
# it, and prints which were killed (a test failed) and which survived. All must be killed.
# Usage: scripts/mutants.sh            (about a minute and a half)
set -euo pipefail
cd "$(dirname "$0")/.."
py=.venv/bin/python

# name | file | code as it is | the planted bug | the tests that must catch it (no | inside a
# field: kotacerdas/tests/test_mutants.py checks each line splits in five and each code is there)
mutants=(
"scoring normalisation|selection/engine/normalization.py|scaled: Array = (high - values) / (high - low) if cost else|scaled: Array = (values - low) / (high - low) if cost else|selection/tests/test_engine_scoring.py"
"quota constraint|selection/engine/quota.py|upper = np.concatenate([[quotas.total], quotas.group_max, quotas.province_max])|upper = np.concatenate([[quotas.total], quotas.group_max, quotas.province_max + 1])|selection/tests/test_engine_quota.py"
"access rule: only the team edits a masterplan|accounts/access.py|\"masterplan.edit\": Rule(regional=REGIONAL_TEAM),|\"masterplan.edit\": Rule(regional=REGIONAL_TEAM.union({Role.MENTOR})),|masterplans/tests/test_access.py masterplans/tests/test_views.py"
"version check|audit/versioning.py|if current.version != base_version:|if current.version > base_version:|audit/tests/test_versioning.py"
"evaluation index|evaluation/index.py|share = {c: Decimal(str(w)) / total for c, w in weights.items()}|share = {c: Decimal(str(w)) for c, w in weights.items()}|evaluation/tests/test_index.py"
"progress percent|monitoring/progress.py|done = sum(m.weight for m in items if m.is_done_by(as_of))|done = sum(1 for m in items if m.is_done_by(as_of))|monitoring/tests/test_progress.py"
"completeness check: the budget envelope|masterplans/checks.py|if total > envelope}|if total >= envelope}|masterplans/tests/test_checks.py"
"API error mapping: a stale edit is 412|audit/versioning.py|    code = \"version_conflict\"\n    status = 412|    code = \"version_conflict\"\n    status = 409|api/tests/test_versions.py"
)

restore=""
trap '[ -n "$restore" ] && git checkout -q -- "$restore"' EXIT
killed=0
for line in "${mutants[@]}"; do
  IFS='|' read -r name file original planted tests <<<"$line"
  if ! git diff --quiet -- "$file"; then
    echo "refusing: $file has uncommitted changes" >&2
    exit 2
  fi
  restore=$file
  MUTANT_FILE=$file MUTANT_FROM=$original MUTANT_TO=$planted "$py" - <<'PY'
import os, sys
path, old, new = (os.environ[k].replace("\\n", "\n") for k in ("MUTANT_FILE", "MUTANT_FROM", "MUTANT_TO"))
text = open(path, encoding="utf-8").read()
if text.count(old) != 1:
    sys.exit(f"{path}: the code to mutate is not there exactly once: {old!r}")
open(path, "w", encoding="utf-8").write(text.replace(old, new))
PY
  # shellcheck disable=SC2086
  if .venv/bin/pytest -x -q -n 0 -p no:warnings $tests >/dev/null 2>&1; then
    echo "SURVIVED  $name ($file)"
  else
    echo "killed    $name ($file)"
    killed=$((killed + 1))
  fi
  git checkout -q -- "$file"
  restore=""
done
echo "mutants killed: $killed of ${#mutants[@]}"
[ "$killed" -eq "${#mutants[@]}" ]
