/// The interactive shell (issue 4) lives here.
enum ConsultShellModule {}
