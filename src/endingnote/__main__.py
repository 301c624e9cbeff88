from endingnote.cli import main

main()
