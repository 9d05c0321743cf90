# `beneficiary add --help` sent the reader to "(see README)" for the
# professions, but the README does not list them: rules/README.md does.
# The file the help names must exist and hold every profession id.
source "$(dirname "$0")/lib.bash"

run beneficiary add --help
expect_rc "help" 0
line=$(grep -e '--profession' <<<"$OUT")
see=$(sed -n 's/.*(see \([^)]*\)).*/\1/p' <<<"$line")
if [ -n "$see" ] && [ -f "$GRANTS_SOURCE_DIR/$see" ]; then
  pass
  for id in general-medicine-intern nursing-student physiotherapist maison-de-sante; do
    expect_contains "$see lists $id" "$(cat "$GRANTS_SOURCE_DIR/$see")" "\`$id\`"
  done
else
  fail "--profession's help names no file of the repository" "$line"
fi

finish
