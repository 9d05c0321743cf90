#!/usr/bin/env bash
# What became of the example conventions' practice obligations, years after
# the aid, as the chargé de mission and the finance office record it: the
# bank pays the bursaries, the students graduate and settle (or not), send
# their yearly certificates, take leave, move away; one clawback is
# recovered in instalments, another waived. Run after
#   grants init && grants beneficiary import examples/beneficiaries.csv
#   examples/applications.sh
# with GRANTS_DB and GRANTS_RULES set; GRANTS names the binary (default:
# grants on the PATH). Every date is explicit, so the story reads the same
# whatever today's date is; check it with
#   grants compliance check --as-of 2030-06-30
# Stops at the first command that fails. Money does not move on a day to
# come, and the story runs to 2029: it is told with the clock set after its
# end (GRANTS_TODAY, unless already set).
set -euo pipefail
export GRANTS_TODAY=${GRANTS_TODAY:-2030-06-30}
# `command`: the binary, never this function (which "grants" alone would call).
grants() { command "${GRANTS:-grants}" "$@" >/dev/null; }
files=$(mktemp -d)
trap 'rm -rf "$files"' EXIT

# The bank pays what fell due until October 2026 (the end of the intern
# bursaries signed in 2024): one batch catches up every month not yet paid,
# instalments without their enrolment certificate excepted. Skipped when a
# batch of a later month exists (months are paid in order).
if ! command "${GRANTS:-grants}" --format csv batch list | tail -n +2 | cut -d, -f2,3 | grep -v cancelled |
  awk -F, '$1 >= "2026-10" { found = 1 } END { exit !found }'; then
  grants batch run --month 2026-10 --by "Marc Petit" --on 2026-10-01
  batch=$(command "${GRANTS:-grants}" --format csv batch list | tail -n 1 | cut -d, -f1)
  grants batch approve "$batch" --by "Claire Martin" --on 2026-10-02
  grants batch export "$batch" --sepa "$files/2026-10.xml" --execution-date 2026-10-05 --created-at 2026-10-02T10:00:00
  grants batch settle "$batch" --on 2026-10-05
fi

# Convention 1, Hélène Lefèvre (intern bursary): graduates, settles in Blois,
# takes four months of parental leave (which extend her three years), sends
# her first yearly certificate, then moves her practice to Tours (Indre-et-
# Loire) on 14 March 2028: the obligation is broken after 12 months served.
grants obligation diploma 1 --on 2026-10-15
grants obligation start 1 --on 2026-11-02 --commune 41018
grants obligation suspend 1 --reason parental-leave --from 2027-03-01 --to 2027-06-30
grants obligation evidence 1 --kind yearly-certificate --on 2027-10-20 --ref "Attestation CDOM 41 2027"
grants obligation move 1 --on 2028-03-14 --commune 37261
# The contradictory procedure, then the recovery order in three monthly
# instalments: 12 000,00 € × (36 − 12) / 36 = 8 000,00 €.
grants clawback issue 1 --breach-date 2028-03-14 --notice 2028-04-03 --answer-by 2028-05-03 \
  --decision 2028-05-15 --instalments 3 --by "Claire Martin"
grants recovery receive TR-2028-00001 --amount 2666.67 --on 2028-06-14 --ref "VIR LEFEVRE 2028-06"
grants recovery receive TR-2028-00001 --amount 2666.67 --on 2028-07-16 --ref "VIR LEFEVRE 2028-07"

# Convention 4, Gaëlle Pérez (intern bursary): settles in 41149 four months
# after her diploma and sends both certificates due so far.
grants obligation diploma 4 --on 2027-05-10
grants obligation start 4 --on 2027-09-01 --commune 41149
grants obligation evidence 4 --kind yearly-certificate --on 2028-08-25 --ref "Attestation CDOM 41 2028"
grants obligation evidence 4 --kind yearly-certificate --on 2029-08-28 --ref "Attestation CDOM 41 2029"

# Convention 5, her bursary supplement: one year from the diploma, served by
# 10 hours of sessions for the département.
grants obligation diploma 5 --on 2027-05-10
grants obligation evidence 5 --kind session-hours --on 2028-03-15 --ref "10 h de vacations PMI Blois"

# Convention 6, Anaïs Mercier (paramedical bursary): graduated, never
# settled in the département; her year to start ran out on 4 July 2026.
grants obligation diploma 6 --on 2025-07-04

# Convention 8, Théo Rousseau (long-internship allowance): settles, then
# must stop practising; the clawback is waived for disability.
grants obligation diploma 8 --on 2025-06-30
grants obligation start 8 --on 2025-09-01 --commune 41018
grants obligation stop 8 --on 2026-06-30 --note "inaptitude médicale"
grants clawback issue 8 --breach-date 2026-06-30 --notice 2026-07-06 --answer-by 2026-08-06 \
  --decision 2026-09-14 --waiver disability --by "Claire Martin"

# Convention 9, François Lambert (equipment aid): installed in 41269 on the
# aid's start date; three years later the obligation is fulfilled.
grants obligation start 9 --on 2025-03-01 --commune 41269
# A year later he applies for another installation aid: refused, within ten
# years of the first (anti-cumul, from 15 March 2025).
grants application submit --beneficiary B-0012 --scheme loir-et-cher/equipment-aid --on 2026-04-01 \
  --start 2026-05-01 --expenses "8 000,00"
grants application decide 17 --reject --deliberation CP-2026-04-13-02 --date 2026-04-13 \
  --reason "aide à l'installation déjà accordée le 24/02/2025 (une par période de dix ans)"

# Convention 10, the maison de santé of Salbris: five years from the aid
# granted on 6 January 2025; nothing to record.

# Convention 14, Jérôme Dubois (Vienne physiotherapy aid): settles in
# Poitiers, a month of illness, his first certificate; the second is missing.
grants obligation diploma 14 --on 2026-06-30
grants obligation start 14 --on 2026-09-01 --commune 86194
grants obligation suspend 14 --reason illness --from 2027-01-10 --to 2027-02-08
grants obligation evidence 14 --kind yearly-certificate --on 2027-09-15 --ref "Attestation CDMK 86 2027"
