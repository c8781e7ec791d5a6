//! A check of an XLS file's container (the Compound File Binary format) before the workbook library
//! reads it. calamine 0.38 follows the sector chains of the file as they are written: a chain that loops
//! back on itself (a damaged or crafted 1.5 KB file is enough) makes it append the same sector until the
//! memory runs out and the program aborts, which no error handling can catch. This walks the same chains
//! first — the directory, the mini stream and its table, and every stream the library may read — and
//! refuses a chain that revisits a sector or leaves the sector table.

/// The first eight bytes of a compound file.
const MAGIC: [u8; 8] = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];
const END_OF_CHAIN: u32 = 0xFFFF_FFFE;
/// Sector ids from here up are markers, not sectors.
const DIFAT_SECTOR: u32 = 0xFFFF_FFFC;
/// Streams shorter than this live in the mini stream (64-byte sectors, at most 4 KB each: bounded).
const MINI_CUTOFF: u64 = 4096;

fn u32_at(bytes: &[u8], at: usize) -> Option<u32> {
    Some(u32::from_le_bytes(bytes.get(at..at + 4)?.try_into().ok()?))
}

/// `Err` with what is wrong when `bytes` is a compound file whose chains loop or leave the sector
/// table; `Ok` for anything else (a file that is not a compound file is left to the library's own
/// checks).
pub fn check(bytes: &[u8]) -> Result<(), String> {
    if bytes.len() < 512 || bytes[..8] != MAGIC {
        return Ok(());
    }
    let size: usize = match u16::from_le_bytes([bytes[30], bytes[31]]) {
        9 => 512,
        12 => 4096,
        _ => return Ok(()),
    };
    let sector = |id: u32| -> Option<&[u8]> {
        let start = (id as usize).checked_add(1)?.checked_mul(size)?;
        bytes.get(start..start.checked_add(size)?.min(bytes.len())).filter(|s| !s.is_empty())
    };
    let ids = |s: &[u8]| s.chunks_exact(4).map(|c| u32::from_le_bytes([c[0], c[1], c[2], c[3]])).collect::<Vec<_>>();
    // The sector table (FAT): its sectors are listed in the header and in the DIFAT chain.
    let mut fat_sectors = ids(&bytes[76..512]);
    let mut next = u32_at(bytes, 68).unwrap_or(END_OF_CHAIN);
    let mut seen = 0;
    while next < DIFAT_SECTOR {
        seen += 1;
        if seen > bytes.len() / size + 1 {
            return Err("цепочка DIFAT не кончается".into());
        }
        let Some(s) = sector(next) else {
            return Err(format!("сектор DIFAT {next} за концом файла"));
        };
        let mut more = ids(s);
        next = more.pop().unwrap_or(END_OF_CHAIN);
        fat_sectors.extend(more);
    }
    let mut fat = Vec::new();
    for id in fat_sectors.into_iter().filter(|id| *id < DIFAT_SECTOR) {
        let Some(s) = sector(id) else {
            return Err(format!("сектор таблицы размещения {id} за концом файла"));
        };
        fat.extend(ids(s));
    }
    // Walks a chain as the library does: until its end or `len` bytes; a sector met twice is a loop.
    let walk = |start: u32, len: u64, what: &str| -> Result<Vec<u32>, String> {
        let mut visited = vec![false; fat.len()];
        let mut chain = Vec::new();
        let mut id = start;
        while id != END_OF_CHAIN && (chain.len() as u64) * (size as u64) < len {
            let slot = visited.get_mut(id as usize).ok_or_else(|| format!("{what}: сектор {id} вне таблицы"))?;
            if std::mem::replace(slot, true) {
                return Err(format!("{what}: цепочка секторов зациклена"));
            }
            chain.push(id);
            id = fat[id as usize];
        }
        Ok(chain)
    };
    let directory = walk(u32_at(bytes, 48).unwrap_or(END_OF_CHAIN), u64::MAX, "каталог")?;
    let mini_fat_len = u64::from(u32_at(bytes, 64).unwrap_or(0));
    if mini_fat_len > 0 {
        walk(u32_at(bytes, 60).unwrap_or(END_OF_CHAIN), mini_fat_len.saturating_mul(size as u64), "мини-таблица")?;
    }
    for (i, entry) in directory.iter().filter_map(|&id| sector(id)).flat_map(|s| s.chunks_exact(128)).enumerate() {
        let start = u32_at(entry, 116).unwrap_or(END_OF_CHAIN);
        let len = if size == 512 {
            u64::from(u32_at(entry, 120).unwrap_or(0))
        } else {
            u64::from_le_bytes(entry[120..128].try_into().unwrap_or_default())
        };
        // The root entry is the mini stream itself; other streams under the cutoff live inside it.
        if (i == 0 && mini_fat_len > 0) || (i > 0 && len >= MINI_CUTOFF) {
            walk(start, len, "поток")?;
        }
    }
    Ok(())
}
