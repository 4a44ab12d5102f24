from budget_audit.cli import main

main()
