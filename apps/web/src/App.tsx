import { App as AntApp, ConfigProvider } from 'antd';
import zhCN from 'antd/locale/zh_CN';
import { BrowserRouter, Navigate, Route, Routes, useParams } from 'react-router-dom';
import { AuthProvider, homeOf, useAuth } from './auth/AuthContext';
import { LoginPage } from './auth/LoginPage';
import { ErrorBoundary } from './components/ErrorBoundary';
import { NotFound } from './components/NotFound';
import { OfficeLayout } from './layout/OfficeLayout';
import { UnitLayout } from './layout/UnitLayout';
import { AdoptionPage } from './pages/office/adoption/AdoptionPage';
import { BoardPage } from './pages/office/board/BoardPage';
import { DiffPage } from './pages/office/DiffPage';
import { ImportPage } from './pages/office/ImportPage';
import { PoliciesPage } from './pages/office/PoliciesPage';
import { RoundEditPage } from './pages/office/round/RoundEditPage';
import { RoundsPage } from './pages/office/RoundsPage';
import { VersionPage } from './pages/office/VersionPage';
import { InvitePage } from './pages/public/InvitePage';
import { VerifyPage } from './pages/public/VerifyPage';
import { MyRoundPage } from './pages/unit/MyRoundPage';
import { MyRoundsPage } from './pages/unit/MyRoundsPage';

function Home() {
  const { actor, loading } = useAuth();
  if (loading) return null;
  return <Navigate to={actor ? homeOf(actor) : '/login'} replace />;
}

/** The link in the 退回补正 mail (/rounds/:id/my-reply) opens the unit's reply. */
function MyReplyRedirect() {
  const { id } = useParams();
  return <Navigate to={`/my/rounds/${id}?tab=reply`} replace />;
}

export function App() {
  return (
    <ConfigProvider locale={zhCN} button={{ autoInsertSpace: false }} theme={{ token: { colorPrimary: '#b71c1c', borderRadius: 4, colorTextSecondary: 'rgba(0,0,0,0.65)', colorTextDescription: 'rgba(0,0,0,0.65)', colorTextTertiary: 'rgba(0,0,0,0.62)', colorSuccess: '#237804', colorWarning: '#ad4e00', colorInfo: '#0958d9', colorError: '#c41d1d', colorTextPlaceholder: 'rgba(0,0,0,0.55)', fontFamily: "'PingFang SC','Microsoft YaHei','WenQuanYi Zen Hei','Noto Sans CJK SC',system-ui,sans-serif" } }}>
      <AntApp>
        <ErrorBoundary>
          <AuthProvider>
            <BrowserRouter>
              <Routes>
                <Route path="/" element={<Home />} />
                <Route path="/login" element={<LoginPage />} />
                <Route path="/verify" element={<VerifyPage />} />
                <Route path="/verify/:trackingNo" element={<VerifyPage />} />
                <Route path="/invite/:token" element={<InvitePage />} />
                <Route element={<OfficeLayout />}>
                  <Route path="/policies" element={<PoliciesPage />} />
                  <Route path="/policies/import" element={<ImportPage />} />
                  <Route path="/versions/:id" element={<VersionPage />} />
                  <Route path="/versions/:id/diff/:otherId" element={<DiffPage />} />
                  <Route path="/rounds" element={<RoundsPage />} />
                  <Route path="/rounds/new" element={<RoundEditPage />} />
                  <Route path="/rounds/:id" element={<RoundEditPage />} />
                  <Route path="/rounds/:id/board" element={<BoardPage />} />
                  <Route path="/rounds/:id/adoption" element={<AdoptionPage />} />
                </Route>
                <Route path="/rounds/:id/my-reply" element={<MyReplyRedirect />} />
                <Route element={<UnitLayout />}>
                  <Route path="/my/rounds" element={<MyRoundsPage />} />
                  <Route path="/my/rounds/:id" element={<MyRoundPage />} />
                </Route>
                <Route path="*" element={<NotFound />} />
              </Routes>
            </BrowserRouter>
          </AuthProvider>
        </ErrorBoundary>
      </AntApp>
    </ConfigProvider>
  );
}
