from reviewguard.cli import main

raise SystemExit(main())
