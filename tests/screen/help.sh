#!/bin/sh
# help.sh: ? shows every key in an overlay (made from the binding table),
# it scrolls, q or Esc closes it before q quits.

. "$(dirname "$0")/lib.sh"

screen_start 120 40

keys '?'
check help-open "? does not open the help" screen_wait "─ Keys ─"
check help-keys "help lacks the actor keys" \
    screen_wait "next event involving the current actor (wraps round)"
check help-search "help lacks the search key" \
    screen_wait "search events and excerpts"
keys G
# The help ends with the last mode of the table, whatever it is.
last=$("$DOSSIER" keys --markdown | sed -n 's/^### //p' | tail -n 1)
check help-scroll "G does not scroll the help to its end ($last)" \
    screen_wait "$last"
keys q
check help-q "q does not close the help" screen_gone "─ Keys ─"
check help-q-alive "q in the help quit the reader" status_wait " 1/15"
keys '?' Escape
check help-esc "Esc does not close the help" screen_gone "─ Keys ─"

# In a small terminal the keys go above their labels.
tmx resize-window -t t -x 40 -y 12
keys '?'
check help-small "help does not open at 40x12" screen_wait "Keys"
keys q q
status=$(exit_wait)
check help-quit "exit status $status, not 0" [ "$status" = 0 ]
exit 0
