# bash completion for flowfolio (docs/shell.md). The program itself answers, from its own
# command line: commands, options, their few known values, and the strategy names of the
# scenario on the line; files and folders are left to bash. Installed as
# share/bash-completion/completions/flowfolio; from a source tree, `source packaging/flowfolio.bash`.
_flowfolio() {
  local IFS=$'\n'
  COMPREPLY=($("${COMP_WORDS[0]}" complete --index "$COMP_CWORD" -- "${COMP_WORDS[@]}" 2> /dev/null))
  return 0
}
complete -o default -o bashdefault -F _flowfolio flowfolio
