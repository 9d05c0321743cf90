# Yearly proofs may be recorded out of date order, but each answers the next
# year still unanswered: a certificate of the first year recorded a second
# time, dated before the one already recorded, is refused, so that it never
# stands in for the third year's and the obligation is not fulfilled without
# it.
source "$(dirname "$0")/lib.bash"
load_examples
load_obligation_examples

# Convention 7 (paramedical bursary, 3 years, a yearly certificate): started
# on 2028-02-28, so its years end on 2029-02-27, 2030-02-27 and 2031-02-27.
run obligation diploma 7 --on 2027-02-28
run obligation start 7 --on 2028-02-28 --commune 41018
expect_rc "start" 0
run obligation evidence 7 --kind yearly-certificate --on 2029-03-10 --ref "Attestation 2029"
expect_rc "the first year's certificate, received late" 0
run obligation evidence 7 --kind yearly-certificate --on 2030-02-20 --ref "Attestation 2030"
expect_rc "the second year's" 0
expect_error_unchanged "a certificate dated before the second one answers the third year" 5 \
  "convention 7: yearly-certificate 3 of 3 attests the year of practice ending 2031-02-27: it cannot be dated before 2030-02-28" \
  obligation evidence 7 --kind yearly-certificate --on 2029-02-20 --ref "Attestation 2029 (copie)"
run --format csv compliance check --as-of 2030-06-30
expect_contains "compliance still waits for the third certificate" "$OUT" \
  "7,active,B-0006,loir-et-cher/paramedical-bursary,running,2028-02-28,2031-02-27,28,8,2028-02-28,2031-02-27,"
run --format csv compliance check --as-of 2031-02-28
expect_contains "and the day after the last day owed it is overdue, not fulfilled" "$OUT" \
  "7,active,B-0006,loir-et-cher/paramedical-bursary,evidence-overdue,2028-02-28,2031-02-27,36,0,2028-02-28,2031-02-27,yearly-certificate 3 of 3 due 2031-02-27 not received"
# The third year's certificate, dated in the third year, is accepted (once
# that day has come: an event is recorded once it has happened).
export GRANTS_TODAY=2031-02-28
run obligation evidence 7 --kind yearly-certificate --on 2031-02-10 --ref "Attestation 2031"
expect_rc "the third year's" 0
run --format csv compliance check --as-of 2031-02-28
expect_contains "then fulfilled" "$OUT" "7,active,B-0006,loir-et-cher/paramedical-bursary,fulfilled,2028-02-28,2031-02-27,36,0,2028-02-28,,"
finish
