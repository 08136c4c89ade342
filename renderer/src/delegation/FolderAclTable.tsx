// The live rights (GETACL) folder by folder, in words: the owner, each
// delegate, and the special identifiers "anyone" / "authenticated".
import { useTranslation } from 'react-i18next';
import type { AclEntry, FolderAcl } from '../../../shared/delegation.ts';
import { folderTitle } from './format.ts';
import { useDelegationT, type DelegationT } from './i18n.ts';
import { RightsWords } from './RightsWords.tsx';

function who(entry: AclEntry, t: DelegationT): string {
  if (entry.owner) return t('folders.owner');
  const negative = entry.identifier.startsWith('-');
  const id = negative ? entry.identifier.slice(1) : entry.identifier;
  const name = id === 'anyone' ? t('folders.anyone') : id === 'authenticated' ? t('folders.authenticated') : id;
  return negative ? `${t('folders.negative')}: ${name}` : name;
}

export function FolderAclTable({ folders }: { folders: FolderAcl[] }) {
  const { t } = useDelegationT();
  const { t: tm } = useTranslation();
  return (
    <table className="delegation-table acl-table" data-testid="acl-table">
      <thead>
        <tr>
          <th>{t('folders.folder')}</th>
          <th>{t('folders.holders')}</th>
        </tr>
      </thead>
      <tbody>
        {folders.map((f) => {
          const others = f.entries.filter((e) => !e.owner);
          return (
            <tr key={f.path} data-testid="acl-row" data-path={f.path}>
              <td className="acl-folder" title={f.path}>
                {folderTitle(f.path, f.name, tm)}
              </td>
              <td>
                {others.length === 0 ? (
                  <span className="muted">{t('folders.onlyOwner')}</span>
                ) : (
                  <ul className="acl-entries">
                    {others.map((e) => (
                      <li key={e.identifier} data-testid="acl-entry" data-identifier={e.identifier}>
                        <strong>{who(e, t)}</strong>: <RightsWords rights={e.rights} />
                      </li>
                    ))}
                  </ul>
                )}
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
