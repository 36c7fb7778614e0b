from zidocs.cli import main

main()
