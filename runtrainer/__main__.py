from runtrainer.cli import main

raise SystemExit(main())
