# A convention keeps the rule version in force at its signature: a parameter
# dated after the signature, or an edit of the rule file itself, never
# changes its schedule.
source "$(dirname "$0")/lib.bash"

copy_rules

run init
run beneficiary import "$EXAMPLES/beneficiaries.csv"
expect_rc "import" 0
run application submit --beneficiary B-0001 --scheme loir-et-cher/intern-bursary --on 2024-10-01 --start 2024-11-01
run application decide 1 --approve --deliberation CP-2024-10-14-07 --date 2024-10-14
run agreement sign 1 --on 2024-10-20
expect_rc "sign before the change" 0
before_hash=$(sha256sum "$RULES/loir-et-cher.toml" | cut -d' ' -f1)

# The département raises the intern bursary to 600 € from 2025-01-01.
cat >>"$RULES/loir-et-cher.toml" <<'TOML'

[[schemes.intern-bursary.periods]]
from = 2025-01-01
reference = "Test: bourse portée à 600 € par mois"

[schemes.intern-bursary.periods.amount]
monthly = "600.00"
TOML
run rules check "$RULES/loir-et-cher.toml"
expect_rc "changed rules are valid" 0

run schedule show 1
expect_contains "convention signed before keeps 500 €" "$OUT" "Total: 12 000,00 € in 24 instalments; award 12 000,00 €"
run --format json agreement show 1
expect_contains "convention keeps its rule hash" "$OUT" "\"rule_sha256\": \"$before_hash\""

run application submit --beneficiary B-0002 --scheme loir-et-cher/intern-bursary --on 2025-01-06 --start 2025-02-01
run application decide 2 --approve --deliberation CP-2025-01-13-02 --date 2025-01-13
run agreement sign 2 --on 2025-01-20
expect_rc "sign after the change" 0
run schedule show 2
expect_contains "convention signed after gets 600 €" "$OUT" "Total: 14 400,00 € in 24 instalments; award 14 400,00 €"
after_hash=$(sha256sum "$RULES/loir-et-cher.toml" | cut -d' ' -f1)
expect_eq "both rule versions stored" "$(sql "SELECT count(*) FROM rule_files WHERE sha256 IN ('$before_hash', '$after_hash')")" 2

# Even an edit in place of the period in force does not touch signed schedules.
sed -i 's/^monthly = "500.00"$/monthly = "450.00"/' "$RULES/loir-et-cher.toml"
run schedule show 1
expect_contains "edit in place leaves the schedule" "$OUT" "Total: 12 000,00 € in 24 instalments; award 12 000,00 €"
expect_eq "instalments unchanged" "$(sql 'SELECT count(*), sum(amount_cents) FROM instalments WHERE agreement_id = 1')" "24|1200000"

finish
