from guide_server.server import main

main()
