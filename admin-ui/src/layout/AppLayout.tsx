import { AppBar, Layout, type LayoutProps, UserMenu, useGetIdentity } from 'react-admin';
import { useLiveUpdates } from '../realtime/live';

/** The user menu's button is named by what it shows (the officer and unit), as screen readers expect. */
function OfficerMenu() {
  const { identity } = useGetIdentity();
  return <UserMenu label={identity?.fullName ? String(identity.fullName) : 'ra.auth.user_menu'} />;
}

function OfficerAppBar() {
  return <AppBar userMenu={<OfficerMenu />} />;
}

/** react-admin's layout with live updates over socket.io and the officer's own user menu. */
export function AppLayout(props: LayoutProps) {
  useLiveUpdates();
  return <Layout {...props} appBar={OfficerAppBar} />;
}
