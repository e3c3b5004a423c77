print("kpi")
