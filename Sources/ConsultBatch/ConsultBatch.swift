/// Portfolio runs (issue 7) live here.
enum ConsultBatchModule {}
