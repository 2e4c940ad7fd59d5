#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Why the system refused a file operation, in the user's words and language. `strerror` speaks
/// English only ("No such file or directory") and names no remedy; a consultant in Chinese mode
/// gets "没有这个文件或目录". Codes nobody meets in practice keep the system's text and number.
public enum SystemProblem {
    public static func text(_ code: Int32) -> Text {
        switch code {
        case ENOENT: Text(zh: "没有这个文件或目录", en: "no such file or directory")
        case EACCES, EPERM: Text(zh: "没有权限（请检查文件和所在目录的读写权限）", en: "permission denied (check the permissions of the file and its directory)")
        case EISDIR: Text(zh: "这是一个目录，不是文件", en: "it is a directory, not a file")
        case ENOTDIR: Text(zh: "路径中有一段不是目录", en: "a part of the path is not a directory")
        case ENOSPC: Text(zh: "磁盘已满", en: "the disk is full")
        case EDQUOT: Text(zh: "磁盘配额已用完", en: "the disk quota is used up")
        case EROFS: Text(zh: "所在的文件系统是只读的", en: "the file system is read-only")
        case ENAMETOOLONG: Text(zh: "文件名太长", en: "the file name is too long")
        case EMFILE, ENFILE: Text(zh: "同时打开的文件太多", en: "too many open files")
        case EIO: Text(zh: "读写磁盘时出错", en: "an input/output error on the disk")
        case ELOOP: Text(zh: "符号链接绕成了环", en: "the symbolic links form a loop")
        case EBUSY: Text(zh: "文件正被占用", en: "the file is busy")
        default:
            Text(zh: "系统错误 \(code)（\(String(cString: strerror(code)))）", en: "\(String(cString: strerror(code))) (system error \(code))")
        }
    }
}
