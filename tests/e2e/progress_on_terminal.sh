# The batch run reports its progress on stderr when a person watches it (a
# terminal), and says nothing there otherwise (a script, a log).
source "$(dirname "$0")/lib.bash"
need script bsdutils
load_examples
# script(1) runs the command on a pseudo-terminal; stdout goes to a file.
script -qec "'$GRANTS' batch run --month 2024-11 --by 'Marc Petit' --on 2024-11-02 --dry-run >'$WORK/out'" /dev/null \
  >"$WORK/tty"
expect_eq "progress on a terminal" "$(tr -d '\r' <"$WORK/tty")" "examined 17 instalments"
expect_contains "the summary still goes to stdout" "$(cat "$WORK/out")" "15 payments, 7 250,00 €; 2 instalments held"
run batch run --month 2024-11 --by "Marc Petit" --on 2024-11-02 --dry-run
expect_err "nothing on stderr when it is not a terminal" ""
finish
