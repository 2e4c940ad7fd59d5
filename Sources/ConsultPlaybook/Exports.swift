/// `Language` and `Text` live in ConsultBase so that every edge (store, batch, files) words its
/// errors in both languages; everything that reads playbooks sees them through this module.
@_exported import ConsultBase
