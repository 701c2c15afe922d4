x = [j for i in [(j := 1)]]
