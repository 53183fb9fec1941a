from graph_service.cli import main

main(prog_name="graph-service")
