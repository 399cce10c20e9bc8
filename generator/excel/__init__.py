"""Excel both ways: template workbooks for officers, and importing their rosters and ledgers."""
