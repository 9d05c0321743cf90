#!/usr/bin/env bash
# The example applications, their decisions, the conventions signed from
# them and the documents received for them, as a chargé de mission types
# them. Run after
#   grants init && grants beneficiary import examples/beneficiaries.csv
# with GRANTS_DB and GRANTS_RULES set; GRANTS names the binary (default:
# grants on the PATH). Stops at the first command that fails.
#
# Application ids follow submission order and convention ids signature
# order, both starting at 1 on a fresh database.
set -euo pipefail
# `command`: the binary, never this function (which "grants" alone would call).
grants() { command "${GRANTS:-grants}" "$@" >/dev/null; }

# submit ID REF SCHEME ON [options]: submits and checks the expected id.
submit() {
  local id=$1; shift
  local out
  out=$(command "${GRANTS:-grants}" --format csv application show "$id" 2>/dev/null) && {
    echo "examples: application $id already exists; run this on a fresh database" >&2
    return 1
  }
  grants application submit --beneficiary "$1" --scheme "$2" --on "$3" "${@:4}"
}

# Loir-et-Cher: general-medicine interns, 24 × 500 € from the start of the
# last two years (délibération of the commission permanente).
submit 1 B-0001 loir-et-cher/intern-bursary 2024-10-01 --start 2024-11-01
grants application decide 1 --approve --deliberation CP-2024-10-14-07 --date 2024-10-14
grants agreement sign 1 --on 2024-10-20

submit 2 B-0002 loir-et-cher/intern-bursary 2024-10-03 --start 2024-11-01
grants application decide 2 --approve --deliberation CP-2024-10-14-07 --date 2024-10-14
grants agreement sign 2 --on 2024-10-21

# B-0014 has no IBAN yet: her payments are held until she gives one.
submit 3 B-0014 loir-et-cher/intern-bursary 2024-10-07 --start 2024-11-01
grants application decide 3 --approve --deliberation CP-2024-10-14-07 --date 2024-10-14
grants agreement sign 3 --on 2024-10-22

# Since 2025 an intern may take the +100 €/month supplement with the bursary.
submit 4 B-0003 loir-et-cher/intern-bursary 2025-04-01 --start 2025-05-01
grants application decide 4 --approve --deliberation CP-2025-04-14-03 --date 2025-04-14
grants agreement sign 4 --on 2025-04-18
submit 5 B-0003 loir-et-cher/intern-bursary-supplement 2025-04-01 --start 2025-05-01
grants application decide 5 --approve --deliberation CP-2025-04-14-04 --date 2025-04-14
grants agreement sign 5 --on 2025-04-18

# Paramedical students: 12 × 500 € before 2025-09-01, 14 × 500 € after.
submit 6 B-0004 loir-et-cher/paramedical-bursary 2024-06-03 --start 2024-09-01
grants application decide 6 --approve --deliberation CP-2024-07-08-12 --date 2024-07-08
grants agreement sign 6 --on 2024-07-15

submit 7 B-0006 loir-et-cher/paramedical-bursary 2025-09-08 --start 2025-10-01
grants application decide 7 --approve --deliberation CP-2025-09-22-05 --date 2025-09-22
grants agreement sign 7 --on 2025-09-29

# The long-internship allowance: 6 × 250 € from the first day of the internship.
submit 8 B-0005 loir-et-cher/long-internship-allowance 2024-10-14 --start 2024-11-04
grants application decide 8 --approve --deliberation CP-2024-10-14-09 --date 2024-10-14
grants agreement sign 8 --on 2024-10-25

# A nursing student applying for the interns' bursary is not eligible:
# the application is kept, with its conditions, and rejected.
submit 9 B-0005 loir-et-cher/intern-bursary 2024-10-14 --start 2024-11-01
grants application decide 9 --reject --deliberation CP-2024-10-14-07 --date 2024-10-14 \
  --reason "profession non éligible : réservée aux internes en médecine générale"

# Equipment for a physiotherapist's first installation: 80 % of 14 250 €
# is 11 400 €, capped at 10 000 € for the profession.
submit 10 B-0012 loir-et-cher/equipment-aid 2025-02-03 --start 2025-03-01 --expenses "14 250,00"
grants application decide 10 --approve --deliberation CP-2025-02-17-06 --date 2025-02-17
grants agreement sign 10 --on 2025-02-24

# A maison de santé's extension: 25 % of 480 000 € HT is 120 000 €, capped
# at 100 000 €, half at signature and half a year later.
submit 11 B-0013 loir-et-cher/investment-aid 2024-12-02 --expenses "480 000,00"
grants application decide 11 --approve --deliberation CP-2024-12-16-01 --date 2024-12-16
grants agreement sign 11 --on 2025-01-06

# Vienne: study aids from the current study year to the scheme's last.
submit 12 B-0007 vienne/medicine-study-aid 2024-09-02 --start 2024-10-01 --study-year 4
grants application decide 12 --approve --deliberation CP86-2024-09-20-03 --date 2024-09-20
grants agreement sign 12 --on 2024-09-27

submit 13 B-0008 vienne/medicine-study-aid 2024-09-02 --start 2024-10-01 --study-year 9
grants application decide 13 --approve --deliberation CP86-2024-09-20-03 --date 2024-09-20
grants agreement sign 13 --on 2024-09-27

submit 14 B-0009 vienne/dentistry-study-aid 2024-09-09 --start 2024-10-01 --study-year 5
grants application decide 14 --approve --deliberation CP86-2024-09-20-04 --date 2024-09-20
grants agreement sign 14 --on 2024-09-30

submit 15 B-0010 vienne/physiotherapy-study-aid 2024-09-09 --start 2024-10-01 --study-year 3
grants application decide 15 --approve --deliberation CP86-2024-09-20-05 --date 2024-09-20
grants agreement sign 15 --on 2024-09-30

submit 16 B-0011 vienne/speech-therapy-study-aid 2024-09-09 --start 2024-10-01 --study-year 4
grants application decide 16 --approve --deliberation CP86-2024-09-20-06 --date 2024-09-20
grants agreement sign 16 --on 2024-09-30

# Documents received. Bursaries are paid against a yearly enrolment
# certificate; aids to equipment and works against the invoices. B-0002
# (convention 2) has not sent hers: her instalments are held until she does.
doc() { grants agreement document "$@"; }
doc 1 --kind enrolment-certificate --from 2024-11-01 --to 2025-10-31 --ref "Faculté de médecine de Tours 2024-2025" --on 2024-10-20
doc 1 --kind enrolment-certificate --from 2025-11-01 --to 2026-10-31 --ref "Faculté de médecine de Tours 2025-2026" --on 2025-10-03
doc 3 --kind enrolment-certificate --from 2024-11-01 --to 2025-10-31 --ref "Faculté de médecine de Tours 2024-2025" --on 2024-10-22
doc 4 --kind enrolment-certificate --from 2025-05-01 --to 2026-04-30 --ref "Faculté de médecine de Tours 2024-2025" --on 2025-04-18
doc 5 --kind enrolment-certificate --from 2025-05-01 --to 2026-04-30 --ref "Faculté de médecine de Tours 2024-2025" --on 2025-04-18
doc 6 --kind enrolment-certificate --from 2024-09-01 --to 2025-08-31 --ref "IFSI de Blois 2024-2025" --on 2024-07-15
doc 7 --kind enrolment-certificate --from 2025-10-01 --to 2026-11-30 --ref "IFSI de Vendôme 2025-2026" --on 2025-09-29
doc 9 --kind equipment-invoices --from 2025-03-01 --to 2025-03-31 --ref "Factures table de rééducation, ondes de choc" --on 2025-02-24
doc 10 --kind works-invoices --from 2025-01-06 --to 2026-01-31 --ref "Marché de travaux MSP Salbris, lots 1 à 6" --on 2025-01-06
for c in 11 12 13 14 15; do
  doc $c --kind enrolment-certificate --from 2024-10-01 --to 2025-09-30 --ref "Université de Poitiers 2024-2025" --on 2024-09-30
done
